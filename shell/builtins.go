package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
	pyrowire "github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// builtin is a function of the shell language: len(x), file(PATH), exit().
// Like Python's builtins, a variable of the same name hides it.
type builtin struct {
	name string
	call func(s *session, args []py.Value) (py.Value, error)
}

func (b *builtin) AppendRepr(dst []byte) []byte {
	return append(dst, "<built-in function "+b.name+">"...)
}

// PyType names the type in error messages.
func (b *builtin) PyType() string { return "builtin_function_or_method" }

var builtins map[string]*builtin

func init() {
	builtins = map[string]*builtin{}
	for _, b := range []*builtin{
		{"len", builtinLen},
		{"file", builtinFile},
		{"exit", builtinExit},
		{"quit", builtinExit},
	} {
		builtins[b.name] = b
	}
}

// quitRequest is the error exit() and quit() end a statement with; the
// loop ends the session. explicit is set when a status was given.
type quitRequest struct {
	status   int
	explicit bool
}

func (q *quitRequest) Error() string { return "quit" }

// lookup returns the value of a name: a variable, else a builtin.
func (s *session) lookup(x *lang.Name) (py.Value, error) {
	if v, ok := s.vars[x.Name]; ok {
		return v, nil
	}
	if b, ok := builtins[x.Name]; ok {
		return b, nil
	}
	return nil, localf("NameError", "name '%s' is not defined", x.Name)
}

// isBareExit reports whether the statement is exit or quit alone (no
// variable of that name), which leaves the shell at once as the IPython
// user expects; Python itself only prints how to leave.
func (s *session) isBareExit(x lang.Expr) bool {
	n, ok := x.(*lang.Name)
	if !ok || n.Name != "exit" && n.Name != "quit" {
		return false
	}
	_, shadowed := s.vars[n.Name]
	return !shadowed
}

func builtinExit(s *session, args []py.Value) (py.Value, error) {
	switch len(args) {
	case 0:
		return nil, &quitRequest{}
	case 1:
		switch x := args[0].(type) {
		case py.NoneType:
			return nil, &quitRequest{}
		case py.Int:
			return nil, &quitRequest{status: int(x) & 0xff, explicit: true}
		case py.Bool:
			return nil, &quitRequest{status: int(boolInt(x)), explicit: true}
		}
		// Python prints a non-int argument (str() of it, on stderr) and
		// exits with status 1, as sys.exit("message").
		fmt.Fprintln(s.errOut, py.StrOf(args[0]))
		return nil, &quitRequest{status: 1, explicit: true}
	}
	return nil, localf("TypeError", "exit() takes at most 1 argument (%d given)", len(args))
}

func boolInt(b py.Bool) int64 {
	if b {
		return 1
	}
	return 0
}

func builtinLen(_ *session, args []py.Value) (py.Value, error) {
	if len(args) != 1 {
		return nil, localf("TypeError", "len() takes exactly one argument (%d given)", len(args))
	}
	switch x := args[0].(type) {
	case py.Str:
		return py.Int(utf8.RuneCountInString(string(x))), nil
	case *py.Dict:
		return py.Int(x.Len()), nil
	}
	if items, ok := iterItems(args[0]); ok {
		return py.Int(len(items)), nil
	}
	return nil, localf("TypeError", "object of type '%s' has no len()", py.TypeName(args[0]))
}

// builtinFile is file(PATH) → the file's bytes, file(PATH, ENCODING) →
// its text, for payloads too large to type. The file is bounded by the
// largest message Pyro may carry.
func builtinFile(s *session, args []py.Value) (py.Value, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, localf("TypeError", "file() takes a path and an optional encoding (%d arguments given)", len(args))
	}
	path, ok := args[0].(py.Str)
	if !ok {
		return nil, localf("TypeError", "file() path must be str, not %s", py.TypeName(args[0]))
	}
	encoding := ""
	if len(args) == 2 {
		e, ok := args[1].(py.Str)
		if !ok {
			return nil, localf("TypeError", "file() encoding must be str, not %s", py.TypeName(args[1]))
		}
		encoding = normalEncoding(string(e))
		if encoding == "" {
			return nil, localf("LookupError", "unknown encoding: %s (file() reads utf-8, ascii or latin-1)", string(e))
		}
	}
	limit := s.opts.MaxMessageSize
	if limit <= 0 {
		limit = pyrowire.DefaultMaxSize
	}
	data, err := readBounded(string(path), int64(limit))
	if err != nil {
		return nil, err
	}
	switch encoding {
	case "":
		return py.Bytes(data), nil
	case "utf-8":
		if err := checkUTF8(data); err != nil {
			return nil, err
		}
		return py.Str(data), nil
	case "ascii":
		for i, c := range data {
			if c >= 0x80 {
				return nil, localf("UnicodeDecodeError", "'ascii' codec can't decode byte %#02x in position %d: ordinal not in range(128)", c, i)
			}
		}
		return py.Str(data), nil
	}
	runes := make([]rune, len(data)) // latin-1
	for i, c := range data {
		runes[i] = rune(c)
	}
	return py.Str(string(runes)), nil
}

// normalEncoding maps Python's spellings of the encodings file() knows to
// one name, "" for any other.
func normalEncoding(e string) string {
	switch strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(e)) {
	case "utf-8", "utf8", "u8":
		return "utf-8"
	case "ascii", "us-ascii":
		return "ascii"
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1":
		return "latin-1"
	}
	return ""
}

// readBounded reads a regular file of at most limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, localf("FileNotFoundError", "[Errno 2] No such file or directory: %s", py.Repr(py.Str(path)))
		case errors.Is(err, fs.ErrPermission):
			return nil, localf("PermissionError", "[Errno 13] Permission denied: %s", py.Repr(py.Str(path)))
		}
		return nil, localf("OSError", "%s: %v", py.Repr(py.Str(path)), err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, localf("IsADirectoryError", "[Errno 21] Is a directory: %s", py.Repr(py.Str(path)))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, localf("OSError", "%s: %v", py.Repr(py.Str(path)), err)
	}
	if int64(len(data)) > limit {
		return nil, localf("OSError", "%s is larger than the %d-byte message limit (--max-message-size)", py.Repr(py.Str(path)), limit)
	}
	return data, nil
}

// callBuiltin evaluates a builtin's arguments (no keywords) and calls it.
func (s *session) callBuiltin(ctx context.Context, b *builtin, x *lang.Call) (py.Value, error) {
	if len(x.Kwargs) > 0 {
		return nil, localf("TypeError", "%s() takes no keyword arguments", b.name)
	}
	args, err := s.positional(ctx, nil, x.Args, false)
	if err != nil {
		return nil, err
	}
	return b.call(s, args)
}

// checkUTF8 returns the UnicodeDecodeError Python's utf-8 codec raises
// for the first invalid byte of data, or nil.
func checkUTF8(data []byte) error {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n > 1 {
			i += n
			continue
		}
		c := data[i]
		reason := "invalid start byte"
		switch {
		case c < 0xc2 || c > 0xf4:
		case !utf8.FullRune(data[i:]):
			reason = "unexpected end of data"
		default:
			reason = "invalid continuation byte"
		}
		return localf("UnicodeDecodeError", "'utf-8' codec can't decode byte %#02x in position %d: %s", c, i, reason)
	}
	return nil
}
