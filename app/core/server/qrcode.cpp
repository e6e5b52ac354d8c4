#include "server/qrcode.h"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace Lectern {

namespace {

constexpr int kQuietZoneModules = 4;

struct QrCodeDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};

} // namespace

Result<QrCode> QrCode::encode(const QString &text)
{
    if (text.isEmpty())
        return fail(tr("There is no text to put in a QR code."));

    const QByteArray utf8 = text.toUtf8();
    errno = 0;
    // Version 0: the smallest version that holds the data. Byte mode keeps the text exactly as given.
    const std::unique_ptr<QRcode, QrCodeDeleter> encoded(QRcode_encodeData(
        int(utf8.size()), reinterpret_cast<const unsigned char *>(utf8.constData()), 0, QR_ECLEVEL_M));
    if (!encoded) {
        if (errno == ERANGE)
            return fail(tr("The text is too long for a QR code (%1 bytes).").arg(utf8.size()));
        return fail(tr("Cannot make a QR code: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }

    QrCode code;
    code.m_size = encoded->width;
    const int modules = code.m_size * code.m_size;
    code.m_modules.reserve(modules);
    for (int i = 0; i < modules; ++i)
        code.m_modules.append((encoded->data[i] & 1) != 0);
    return code;
}

QImage QrCode::toImage(int scale) const
{
    if (scale < 1 || m_size == 0)
        return {};
    const int side = (m_size + 2 * kQuietZoneModules) * scale;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    const QRgb dark = qRgb(0, 0, 0);
    for (int y = 0; y < m_size; ++y) {
        for (int row = 0; row < scale; ++row) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine((y + kQuietZoneModules) * scale + row));
            for (int x = 0; x < m_size; ++x) {
                if (!isDark(x, y))
                    continue;
                QRgb *pixel = line + (x + kQuietZoneModules) * scale;
                std::fill(pixel, pixel + scale, dark);
            }
        }
    }
    return image;
}

} // namespace Lectern
