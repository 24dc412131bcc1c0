// Writing records as MARCXML, byte for byte as pymarc writes them through
// ElementTree (record_to_xml, XMLWriter).
#pragma once

#include <string>
#include <string_view>

#include "mrrc/record.hpp"

namespace mrrc {

struct XmlWriteOptions {
    /// xmlns, xmlns:xsi and xsi:schemaLocation on <record> (record_to_xml(namespace=True)).
    bool namespace_attributes = false;
    /// Characters past ASCII as decimal character references, as ElementTree's
    /// default us-ascii output writes them (record_to_xml); otherwise UTF-8 (XMLWriter).
    bool ascii = false;
};

/// Append one <record> element: `leader` (UTF-8) as its <leader>, then the
/// fields in record order. Text escapes & < >, attributes also " CR LF TAB,
/// as ElementTree does; empty elements are written as <name ... />. The
/// record's values must be its text (a UTF-8 record, or a MARC-8 one whose
/// values are printable ASCII). Returns false only when memory runs out.
///   std::string out; write_record_xml(record, record.leader(), {}, out);
bool write_record_xml(const Record& record, std::string_view leader, const XmlWriteOptions& options,
                      std::string& out) noexcept;

}  // namespace mrrc
