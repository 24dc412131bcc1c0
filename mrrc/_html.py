"""HTML for Jupyter (beyond pymarc): ``Record._repr_html_`` and
``Field._repr_html_`` render a record as a table of tag, indicators and
subfields, with subfield codes set off. Every value is escaped; control
characters are shown as ``\\xNN``; long records are cut, with a note."""

import html

MAX_FIELDS = 100  # fields shown before a record is cut
MAX_VALUE = 2000  # characters of one value shown before it is cut

_STYLE = (
    "<style>.mrrc-record td{text-align:left;vertical-align:top;font-family:monospace;padding:1px 6px}"
    ".mrrc-record .mrrc-code{font-weight:bold;color:#a0522d}.mrrc-record .mrrc-control{color:#999}"
    ".mrrc-record caption{text-align:left;font-style:italic}</style>"
)


def _text(value):
    """Escaped text, control characters made visible."""
    if value is None:
        return ""
    value = str(value)
    length = len(value)
    if length > MAX_VALUE:
        value = value[:MAX_VALUE]
    out = []
    for ch in value:
        if ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0:
            out.append(f'<span class="mrrc-control">\\x{ord(ch):02x}</span>')
        else:
            out.append(html.escape(ch))
    if length > MAX_VALUE:
        out.append(f'<span class="mrrc-control"> … ({length - MAX_VALUE} more characters)</span>')
    return "".join(out)


def _indicator(value):
    if value is None or value == " ":
        return '<span class="mrrc-control">#</span>'
    return _text(value)


def field_row(field):
    """One <tr>: tag, the two indicators, and the data or the subfields."""
    tag = _text(field.tag)
    if field.is_control_field():
        return f"<tr><td>{tag}</td><td></td><td></td><td>{_text(field.data)}</td></tr>"
    parts = " ".join(f'<span class="mrrc-code">${_text(sf.code)}</span>&nbsp;{_text(sf.value)}'
                     for sf in field.subfields)
    return (f"<tr><td>{tag}</td><td>{_indicator(field.indicator1)}</td><td>{_indicator(field.indicator2)}</td>"
            f"<td>{parts}</td></tr>")


def field_html(field):
    return f'{_STYLE}<table class="mrrc-record">{field_row(field)}</table>'


def record_html(record):
    fields = record.fields
    rows = [f'<tr><td>LDR</td><td></td><td></td><td>{_text(str(record.leader))}</td></tr>']
    rows.extend(field_row(f) for f in fields[:MAX_FIELDS])
    caption = ""
    if len(fields) > MAX_FIELDS:
        caption = (f"<caption>{MAX_FIELDS} of {len(fields)} fields shown "
                   f"({len(fields) - MAX_FIELDS} more: print(record) shows them all)</caption>")
    return f'{_STYLE}<table class="mrrc-record">{caption}{"".join(rows)}</table>'
