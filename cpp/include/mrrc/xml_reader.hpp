// Reading MARCXML into the record model, record by record, exactly as pymarc's
// XmlHandler reads it (element names by local name, text since the last
// element boundary, its rules for missing attributes and leaders). The XML is
// parsed by libexpat, reached through an expat::Api table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mrrc/expat_api.hpp"
#include "mrrc/record.hpp"

namespace mrrc {

/// A field as the XML gave it, for records the compact model cannot hold
/// exactly: a tag that is not three ASCII characters once pymarc has
/// normalised it, an indicator or subfield code that is not one ASCII
/// character, a <controlfield> with a data field's tag or a control field's
/// tag without text. The Python layer rebuilds it with pymarc's own steps.
struct LooseField {
    std::string tag;              ///< the tag attribute as written
    bool from_datafield = false;  ///< made by <datafield> (with indicators), not <controlfield>
    bool has_indicator1 = false;  ///< the ind1 attribute was present (pymarc defaults it to " ")
    bool has_indicator2 = false;
    std::string indicator1;
    std::string indicator2;
    /// (code, text) of each </subfield> met while this was the current field, code not empty.
    std::vector<std::pair<std::string, std::string>> subfields;
    bool has_data = false;        ///< a </controlfield> assigned it text
    std::string data;
};

/// A record with loose fields (or every record, with XmlReadOptions::all_loose).
struct LooseRecord {
    std::vector<std::string> leaders;  ///< the text of each </leader> in the record, in order
    std::vector<LooseField> fields;
};

/// One record read from MARCXML.
struct XmlItem {
    Record record;                       ///< the record (flagged UTF-8) unless `loose` is set
    std::unique_ptr<LooseRecord> loose;  ///< set for a record the model cannot hold exactly
};

/// Why reading stopped. pymarc's handler raises at the same points.
enum class XmlFailure : std::uint8_t {
    kNone = 0,
    kSyntax,             ///< libexpat rejected the document (xml.sax's SAXParseException)
    kMissingTag,         ///< <controlfield> or <datafield> without a tag attribute (KeyError)
    kMissingCode,        ///< <subfield> without a code attribute (KeyError)
    kLeaderInvalid,      ///< <leader> text of other than 24 characters (RecordLeaderInvalid)
    kRecordTooLarge,     ///< a record's data passes 4 GiB (the model's offsets are 32-bit)
    kOutOfMemory,
    kParserUnavailable,  ///< libexpat could not make a parser
};

struct XmlError {
    XmlFailure failure = XmlFailure::kNone;
    int expat_code = 0;         ///< libexpat's error code (kSyntax)
    const char* message = "";   ///< static text: libexpat's message for kSyntax
    std::uint64_t line = 0;     ///< libexpat's position when reading stopped (1-based)
    std::uint64_t column = 0;   ///< (0-based, as xml.sax reports it)
    std::uint64_t record_index = 0;  ///< records completed before the failure
};

struct XmlReadOptions {
    bool strict = false;      ///< only elements in the MARCXML namespace count (pymarc's strict=True)
    bool all_loose = false;   ///< every record loose and leaders unchecked: the caller normalises text first
    std::string encoding;     ///< when not empty, overrides the document's declared encoding
};

/// Reads one MARCXML document fed in chunks of any size; completed records
/// collect in items() until the caller takes them. Nothing here throws.
///   XmlReader reader(api, {});
///   reader.feed(bytes, n, false); ...; reader.feed(nullptr, 0, true);
///   for (auto& item : reader.items()) use(item);
///   reader.items().clear();
///   if (reader.failed()) report(reader.error());
class XmlReader {
public:
    XmlReader(const expat::Api& api, const XmlReadOptions& options);
    ~XmlReader();
    XmlReader(const XmlReader&) = delete;
    XmlReader& operator=(const XmlReader&) = delete;

    /// Parse the next bytes of the document; `last` marks its end. Returns
    /// false once reading has failed (records before the failure stay in items()).
    bool feed(const char* data, std::size_t size, bool last) noexcept;

    std::vector<XmlItem>& items() noexcept;
    const XmlError& error() const noexcept;
    bool failed() const noexcept;
    /// Records completed so far.
    std::uint64_t records_read() const noexcept;

    struct State;

private:
    std::unique_ptr<State> state_;
};

}  // namespace mrrc
