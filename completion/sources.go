package completion

// Candidate is one completion: the text that replaces the word being typed,
// its kind and a short description ("method", a meta command's summary, ...).
type Candidate struct {
	Text        string
	Kind        Kind
	Description string
}

// Object is the metadata of a bound remote object, as fetched once at
// connect. Oneway is a subset of Methods; a name listed in both completes as
// a oneway method.
type Object struct {
	Methods []string
	Oneway  []string
	Attrs   []string
}

// MetaCommand describes one meta command for completion. Name has no leading
// ':'; Args is its argument synopsis ("URI [as NAME]"), Summary one line.
type MetaCommand struct {
	Name    string
	Args    string
	Summary string
}

// Sources is everything Complete may offer. Complete only reads it and never
// keeps a reference, so the shell may rebuild it between calls.
type Sources struct {
	// Objects maps each bound name of a remote object ("obj", "child") to
	// its metadata.
	Objects map[string]Object
	// Variables are the local variable names, including "_".
	Variables []string
	// Meta is the meta command table, in the order :help shows it.
	Meta []MetaCommand
	// NSNames returns the cached name server names; it may be nil, and it
	// must not touch the network: Complete runs on every keystroke.
	NSNames func() []string
	// NSMetadata, when set, returns the description of a name server
	// entry (its metadata), "" for none; like NSNames it reads a cache.
	NSMetadata func(name string) string
	// Serializers are the serializer names :serializer accepts.
	Serializers []string
	// Max, when positive, is the most candidates returned, best first: a
	// menu of 10,000 methods helps nobody, and building it costs more
	// than a keystroke should. Zero means all.
	Max int
}

// Result is the outcome of Complete: the candidates replace text[Start:cursor].
type Result struct {
	// Start is the byte offset in text where the word being completed
	// starts; it is never past the (clamped) cursor.
	Start int
	// Candidates are ordered best first; nil when there is nothing to offer.
	Candidates []Candidate
}
