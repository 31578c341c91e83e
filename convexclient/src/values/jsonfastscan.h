// SPDX-License-Identifier: MIT
#pragma once
// The byte-level pieces of the fast JSON reader (jsonfastreader.cpp): string scanning and
// validation as nlohmann's lexer does it, the field-name check, and QString ordering. Inline:
// they sit on the reader's hot path.

#include <QString>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace convex::detail::fastjson {

using Byte = unsigned char;

inline constexpr bool isSpace(Byte c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

inline constexpr bool isDigit(Byte c)
{
    return c >= '0' && c <= '9';
}

// Bytes a string's plain run may hold: printable ASCII except '"' and '\\'.
inline constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c)
        t[std::size_t(c)] = c != '"' && c != '\\';
    return t;
}();

//! The first byte at or after \a p that is not plain (or \a end).
inline const Byte *skipPlain(const Byte *p, const Byte *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // Signed compare: control characters and every byte >= 0x80 are "less than" a space.
        const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                          _mm_cmplt_epi8(v, space));
        if (const int mask = _mm_movemask_epi8(stop))
            return p + std::countr_zero(unsigned(mask));
        p += 16;
    }
#endif
    while (p < end && kPlain[*p])
        ++p;
    return p;
}

//! Length of the well-formed UTF-8 sequence (RFC 3629, the table nlohmann's lexer checks)
//! that starts with the non-ASCII byte at \a p; 0 if it is not one.
inline int utf8Length(const Byte *p, const Byte *end)
{
    const auto cont = [p, end](int i, Byte lo = 0x80, Byte hi = 0xBF) {
        return end - p > i && p[i] >= lo && p[i] <= hi;
    };
    const Byte c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

//! A decoded string token: UTF-8 bytes (a view of the input, or of the reader's scratch
//! buffer when the token had escapes) and whether they are all ASCII.
struct Text {
    std::string_view bytes;
    bool ascii = true;
};

inline QString toQString(Text t)
{
    // The calls the SAX reader makes on the same bytes (nlohmann hands it UTF-8).
    return t.ascii ? QString::fromLatin1(t.bytes.data(), qsizetype(t.bytes.size()))
                   : QString::fromUtf8(t.bytes.data(), qsizetype(t.bytes.size()));
}

//! What fieldNameErrorUtf8 accepts without a message: up to 1024 printable ASCII characters
//! (a leading '$' is dealt with before).
inline bool plainFieldName(std::string_view name)
{
    return name.size() <= 1024
        && std::all_of(name.begin(), name.end(), [](char c) { return Byte(c) >= 32 && Byte(c) < 127; });
}

//! QString's operator< (UTF-16 code units, then length), inline: names are short.
inline bool keyLess(const QString &a, const QString &b)
{
    const char16_t *x = QStringView(a).utf16();
    const char16_t *y = QStringView(b).utf16();
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        if (x[i] != y[i])
            return x[i] < y[i];
    }
    return a.size() < b.size();
}

} // namespace convex::detail::fastjson
