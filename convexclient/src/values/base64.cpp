// SPDX-License-Identifier: MIT
#include "base64.h"

#include <array>

namespace convex::detail {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 for alphabet characters, 0xFF otherwise. '-' and '_' map like '+' and '/'.
constexpr std::array<quint8, 256> makeReverse()
{
    std::array<quint8, 256> table{};
    for (auto &entry : table)
        entry = 0xFF;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = quint8(i);
    table[static_cast<unsigned char>('-')] = 62;
    table[static_cast<unsigned char>('_')] = 63;
    return table;
}
constexpr std::array<quint8, 256> kReverse = makeReverse();

} // namespace

QByteArray base64Encode(QByteArrayView bytes)
{
    const auto *in = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    QByteArray out((n + 2) / 3 * 4, Qt::Uninitialized);
    char *o = out.data();
    qsizetype i = 0;
    for (; i + 3 <= n; i += 3) {
        const quint32 t = (quint32(in[i]) << 16) | (quint32(in[i + 1]) << 8) | in[i + 2];
        *o++ = kAlphabet[(t >> 18) & 63];
        *o++ = kAlphabet[(t >> 12) & 63];
        *o++ = kAlphabet[(t >> 6) & 63];
        *o++ = kAlphabet[t & 63];
    }
    if (n - i == 1) {
        const quint32 t = quint32(in[i]) << 16;
        *o++ = kAlphabet[(t >> 18) & 63];
        *o++ = kAlphabet[(t >> 12) & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (n - i == 2) {
        const quint32 t = (quint32(in[i]) << 16) | (quint32(in[i + 1]) << 8);
        *o++ = kAlphabet[(t >> 18) & 63];
        *o++ = kAlphabet[(t >> 12) & 63];
        *o++ = kAlphabet[(t >> 6) & 63];
        *o++ = '=';
    }
    return out;
}

namespace {

// Decoded size of \a text, or -1 if its length is not a multiple of 4.
qsizetype decodedSize(QByteArrayView text)
{
    const qsizetype n = text.size();
    if (n % 4 != 0)
        return -1;
    qsizetype padding = 0;
    if (n > 0 && text[n - 1] == '=')
        padding = (n > 1 && text[n - 2] == '=') ? 2 : 1;
    return n / 4 * 3 - padding;
}

// Decodes into \a out, which holds decodedSize(text) bytes. False on a character outside the
// alphabet (including a '=' that is not trailing padding).
bool decodeInto(QByteArrayView text, qsizetype size, char *out)
{
    const qsizetype dataChars = text.size() - (text.size() / 4 * 3 - size);
    quint32 acc = 0;
    int bits = 0;
    for (qsizetype i = 0; i < dataChars; ++i) {
        const quint8 v = kReverse[static_cast<unsigned char>(text[i])];
        if (v == 0xFF)
            return false;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *out++ = char((acc >> bits) & 0xFF);
        }
    }
    return true;
}

} // namespace

std::optional<QByteArray> base64Decode(QByteArrayView text)
{
    const qsizetype size = decodedSize(text);
    if (size < 0)
        return std::nullopt;
    QByteArray out(size, Qt::Uninitialized);
    if (!decodeInto(text, size, out.data()))
        return std::nullopt;
    return out;
}

QByteArray base64EncodeLE64(quint64 bits)
{
    char bytes[8];
    for (int i = 0; i < 8; ++i)
        bytes[i] = char((bits >> (8 * i)) & 0xFF);
    return base64Encode(QByteArrayView(bytes, 8));
}

std::optional<quint64> base64DecodeLE64(QByteArrayView text, qsizetype *byteCount)
{
    // Every int64 and special float of a query result comes through here: no heap buffer.
    const qsizetype size = decodedSize(text);
    char small[8];
    const bool ok = size >= 0 && (size == 8 ? decodeInto(text, size, small) : base64Decode(text).has_value());
    if (byteCount)
        *byteCount = ok ? size : -1;
    if (!ok || size != 8)
        return std::nullopt;
    quint64 bits = 0;
    for (int i = 0; i < 8; ++i)
        bits |= quint64(static_cast<unsigned char>(small[i])) << (8 * i);
    return bits;
}

} // namespace convex::detail
