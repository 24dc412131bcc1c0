# MARC-8 decoding for Python (mrrc.marc8 builds pymarc's API on it). Included by _core.pyx.


def marc8_decode(bytes data, bint quiet=False, int g0=0x42, int g1=0x45):
    """Decode MARC-8 as pymarc does, before NFC: (ok, text, messages, g0, g1);
    ok is False where pymarc raises (messages up to that point are still
    given). `g0`/`g1` are the state to start from; the returned ones are the
    state after."""
    cdef CMarc8Decoder* decoder = new CMarc8Decoder(quiet, <uint8_t>g0, <uint8_t>g1)
    cdef string out
    cdef string messages
    cdef bint ok
    try:
        ok = decoder.decode(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), out, messages)
        state = (decoder.g0(), decoder.g1())
    finally:
        del decoder
    return (ok, PyUnicode_DecodeUTF8(out.data(), out.size(), NULL),
            PyUnicode_DecodeUTF8(messages.data(), messages.size(), "replace"), state[0], state[1])


def marc8_decode_text(str text, bint quiet=False, int g0=0x42, int g1=0x45):
    """What pymarc's translate() makes of text that is already a str (its
    escapes never match; every character goes through the tables), before
    NFC: (text, messages, g0, g1)."""
    cdef bytes units = text.encode("utf-32-le", "surrogatepass")
    cdef CMarc8Decoder* decoder = new CMarc8Decoder(quiet, <uint8_t>g0, <uint8_t>g1)
    cdef string out
    cdef string messages
    try:
        decoder.decode_text(<const uint32_t*>PyBytes_AS_STRING(units), len(text), out, messages)
        state = (decoder.g0(), decoder.g1())
    finally:
        del decoder
    return (PyUnicode_DecodeUTF8(out.data(), out.size(), "surrogatepass"),
            PyUnicode_DecodeUTF8(messages.data(), messages.size(), "replace"), state[0], state[1])


def marc8_encode(str text):
    """MARC-8 bytes for `text` (see cpp/include/mrrc/marc8_encoder.hpp); a
    character with no MARC-8 form raises UnicodeEncodeError."""
    cdef bytes utf8 = text.encode("utf-8", "surrogatepass")
    cdef string out
    cdef uint32_t unencodable = 0
    if not encode_marc8(PyBytes_AS_STRING(utf8), PyBytes_GET_SIZE(utf8), out, unencodable):
        position = text.find(chr(unencodable))
        raise UnicodeEncodeError("marc-8", text, max(position, 0), max(position, 0) + 1,
                                 f"U+{unencodable:04X} has no MARC-8 form")
    return PyBytes_FromStringAndSize(out.data(), out.size())
