#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QString>

namespace Lectern {

/** A QR code (libqrencode, error correction level M) as a square of dark and light modules. */
class QrCode
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::QrCode)

public:
    /** Encodes text (UTF-8, 8-bit mode). Empty or too long for a QR code: an error. */
    static Result<QrCode> encode(const QString &text);

    /** Modules per side, without the quiet zone. */
    int size() const { return m_size; }
    bool isDark(int x, int y) const { return m_modules.at(y * m_size + x); }
    /**
     * The code as a black-on-white image with a 4-module quiet zone, each module `scale` pixels square
     * (Format_Mono-like, but Format_RGB32 so that painting it scaled keeps hard edges).
     */
    QImage toImage(int scale) const;

private:
    int m_size = 0;
    QList<bool> m_modules; ///< row by row
};

} // namespace Lectern
