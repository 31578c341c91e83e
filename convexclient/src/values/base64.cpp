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

std::optional<QByteArray> base64Decode(QByteArrayView text)
{
    const qsizetype n = text.size();
    if (n % 4 != 0)
        return std::nullopt;
    qsizetype padding = 0;
    if (n > 0 && text[n - 1] == '=')
        padding = (n > 1 && text[n - 2] == '=') ? 2 : 1;
    const qsizetype dataChars = n - padding;
    QByteArray out(n / 4 * 3 - padding, Qt::Uninitialized);
    char *o = out.data();
    quint32 acc = 0;
    int bits = 0;
    for (qsizetype i = 0; i < dataChars; ++i) {
        const quint8 v = kReverse[static_cast<unsigned char>(text[i])];
        if (v == 0xFF)
            return std::nullopt;  // includes a '=' that is not trailing padding
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *o++ = char((acc >> bits) & 0xFF);
        }
    }
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
    const auto decoded = base64Decode(text);
    if (byteCount)
        *byteCount = decoded ? decoded->size() : -1;
    if (!decoded || decoded->size() != 8)
        return std::nullopt;
    quint64 bits = 0;
    for (int i = 0; i < 8; ++i)
        bits |= quint64(static_cast<unsigned char>(decoded->at(i))) << (8 * i);
    return bits;
}

} // namespace convex::detail
