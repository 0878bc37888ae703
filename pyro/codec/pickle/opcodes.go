package pickle

// Pickle opcodes (CPython Lib/pickletools.py). The comment names the
// protocol that introduced each one and its argument layout.
const (
	opMark           = '(' // 0: push a mark
	opStop           = '.' // 0: end of pickle
	opPop            = '0' // 0: discard top
	opPopMark        = '1' // 0: discard up to the last mark
	opDup            = '2' // 0: duplicate top
	opFloat          = 'F' // 0: decimal text + '\n'
	opInt            = 'I' // 0: decimal text + '\n' ("01"/"00" are True/False)
	opBinInt         = 'J' // 1: int32 LE
	opBinInt1        = 'K' // 1: uint8
	opLong           = 'L' // 0: decimal text, optional 'L', '\n'
	opBinInt2        = 'M' // 1: uint16 LE
	opNone           = 'N' // 0
	opPersID         = 'P' // 0: text id + '\n'
	opBinPersID      = 'Q' // 1: id from the stack
	opReduce         = 'R' // 0: callable, args -> callable(*args)
	opString         = 'S' // 0: quoted Python 2 str + '\n'
	opBinString      = 'T' // 1: int32 LE length + bytes
	opShortBinString = 'U' // 1: uint8 length + bytes
	opUnicode        = 'V' // 0: raw-unicode-escape text + '\n'
	opBinUnicode     = 'X' // 1: uint32 LE length + UTF-8
	opAppend         = 'a' // 0
	opBuild          = 'b' // 0: obj, state -> obj.__setstate__(state)
	opGlobal         = 'c' // 0: module + '\n' + name + '\n'
	opDict           = 'd' // 0: mark k v k v ... -> dict
	opEmptyDict      = '}' // 1
	opAppends        = 'e' // 1
	opGet            = 'g' // 0: decimal memo index + '\n'
	opBinGet         = 'h' // 1: uint8 memo index
	opInst           = 'i' // 0: module + '\n' + name + '\n', mark args
	opLongBinGet     = 'j' // 1: uint32 LE memo index
	opList           = 'l' // 0: mark items -> list
	opEmptyList      = ']' // 1
	opObj            = 'o' // 1: mark class args -> object
	opPut            = 'p' // 0: decimal memo index + '\n'
	opBinPut         = 'q' // 1: uint8 memo index
	opLongBinPut     = 'r' // 1: uint32 LE memo index
	opSetItem        = 's' // 0
	opTuple          = 't' // 0: mark items -> tuple
	opEmptyTuple     = ')' // 1
	opSetItems       = 'u' // 1
	opBinFloat       = 'G' // 1: float64 BE

	opProto    = 0x80 // 2: uint8 protocol
	opNewObj   = 0x81 // 2: cls, args -> cls.__new__(cls, *args)
	opExt1     = 0x82 // 2: copyreg extension code, uint8
	opExt2     = 0x83 // 2: uint16 LE
	opExt4     = 0x84 // 2: int32 LE
	opTuple1   = 0x85 // 2
	opTuple2   = 0x86 // 2
	opTuple3   = 0x87 // 2
	opNewTrue  = 0x88 // 2
	opNewFalse = 0x89 // 2
	opLong1    = 0x8a // 2: uint8 length + two's complement LE
	opLong4    = 0x8b // 2: int32 LE length + two's complement LE

	opBinBytes      = 'B' // 3: uint32 LE length + bytes
	opShortBinBytes = 'C' // 3: uint8 length + bytes

	opShortBinUnicode = 0x8c // 4: uint8 length + UTF-8
	opBinUnicode8     = 0x8d // 4: uint64 LE length + UTF-8
	opBinBytes8       = 0x8e // 4: uint64 LE length + bytes
	opEmptySet        = 0x8f // 4
	opAddItems        = 0x90 // 4: set, mark items
	opFrozenSet       = 0x91 // 4: mark items -> frozenset
	opNewObjEx        = 0x92 // 4: cls, args, kwargs
	opStackGlobal     = 0x93 // 4: module, name from the stack
	opMemoize         = 0x94 // 4: memo[len(memo)] = top
	opFrame           = 0x95 // 4: uint64 LE frame length (a hint; ignored)

	opByteArray8     = 0x96 // 5: uint64 LE length + bytes
	opNextBuffer     = 0x97 // 5: out-of-band buffer
	opReadonlyBuffer = 0x98 // 5
)

// highestProtocol is the newest pickle protocol this package reads
// (pickle.HIGHEST_PROTOCOL of CPython 3.8 and later).
const highestProtocol = 5
