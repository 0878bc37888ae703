package marshal

// Type codes of CPython's marshal format (Python/marshal.c), one byte each;
// flagRef on a type byte adds the object to the reference table.
const (
	typeNull               = '0' // end of a dict
	typeNone               = 'N'
	typeFalse              = 'F'
	typeTrue               = 'T'
	typeStopIter           = 'S'
	typeEllipsis           = '.'
	typeInt                = 'i' // int32 LE
	typeInt64              = 'I' // int64 LE, read only (no longer written)
	typeFloat              = 'f' // u8 length, ASCII repr
	typeBinaryFloat        = 'g' // float64 LE
	typeComplex            = 'x' // two text floats
	typeBinaryComplex      = 'y' // two float64 LE
	typeLong               = 'l' // int32 signed digit count, u16 LE 15-bit digits
	typeString             = 's' // bytes: int32 length, data
	typeInterned           = 't' // str, UTF-8
	typeRef                = 'r' // u32 index into the reference table
	typeTuple              = '(' // int32 count
	typeList               = '['
	typeDict               = '{' // key, value pairs ended by typeNull
	typeCode               = 'c'
	typeUnicode            = 'u' // int32 length, UTF-8 (surrogatepass)
	typeUnknown            = '?'
	typeSet                = '<'
	typeFrozenSet          = '>'
	typeASCII              = 'a' // int32 length, Latin-1 as CPython reads it
	typeASCIIInterned      = 'A'
	typeSmallTuple         = ')' // u8 count
	typeShortASCII         = 'z' // u8 length
	typeShortASCIIInterned = 'Z'

	flagRef = 0x80
)

// longShift is the bit width of a marshal long digit (PyLong_MARSHAL_SHIFT).
const longShift = 15
