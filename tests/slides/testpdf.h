#pragma once

// Test decks for the slides tests, generated at test time: QPdfWriter for ordinary and vector-heavy decks, and
// a tiny hand-written PDF for what QPdfWriter cannot produce (page labels, text annotations, rotation, no
// pages, a password, a damaged page).

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QList>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QSizeF>
#include <QString>

namespace LecternTest {

/** Writes a deck with one page per size (in points), each showing its page number. */
inline bool writeDeck(const QString &path, const QList<QSizeF> &pageSizes)
{
    QPdfWriter writer(path);
    writer.setTitle(QStringLiteral("Test deck"));
    writer.setResolution(72);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setPageSize(QPageSize(pageSizes.value(0, QSizeF(640, 480)), QPageSize::Point));
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    for (int i = 0; i < pageSizes.size(); ++i) {
        if (i > 0) {
            writer.setPageSize(QPageSize(pageSizes.at(i), QPageSize::Point));
            writer.newPage();
        }
        const QRectF area(QPointF(0, 0), pageSizes.at(i));
        painter.fillRect(area, QColor(30, 60, 120));
        painter.setPen(Qt::white);
        QFont font = painter.font();
        font.setPixelSize(int(area.height() / 4));
        painter.setFont(font);
        painter.drawText(area, Qt::AlignCenter, QString::number(i + 1));
    }
    return painter.end();
}

inline bool writeDeck(const QString &path, int pageCount, QSizeF pageSize = QSizeF(640, 480))
{
    return writeDeck(path, QList<QSizeF>(pageCount, pageSize));
}

/** A deck whose pages each hold pathsPerPage small vector paths, so poppler needs a while per page. */
inline bool writeHeavyDeck(const QString &path, int pageCount, int pathsPerPage)
{
    QPdfWriter writer(path);
    writer.setResolution(72);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setPageSize(QPageSize(QSizeF(1920, 1080), QPageSize::Point));
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    painter.setRenderHint(QPainter::Antialiasing);
    QRandomGenerator random(42);
    for (int page = 0; page < pageCount; ++page) {
        if (page > 0)
            writer.newPage();
        for (int i = 0; i < pathsPerPage; ++i) {
            const QPointF origin(random.bounded(1900.0), random.bounded(1060.0));
            QPainterPath shape(origin);
            shape.cubicTo(origin + QPointF(random.bounded(20.0), 5), origin + QPointF(5, random.bounded(20.0)),
                          origin + QPointF(random.bounded(20.0), random.bounded(20.0)));
            shape.closeSubpath();
            const QColor color = QColor::fromHsv(random.bounded(360), 200, 220, 160);
            painter.setPen(QPen(color.darker(), 0.7));
            painter.setBrush(color);
            painter.drawPath(shape);
        }
    }
    return painter.end();
}

/** A page of a hand-written PDF. */
struct MinimalPage
{
    QSizeF size = QSizeF(400, 300);
    QString label;           ///< empty: no page label for this page
    QStringList annotations; ///< contents of /Text annotations (ASCII)
    int rotate = 0;
    bool damaged = false; ///< the page object is written as a number instead of a page dictionary
};

inline QByteArray pdfString(const QString &text)
{
    QByteArray escaped = text.toLatin1();
    escaped.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    return '(' + escaped + ')';
}

inline QByteArray rc4(const QByteArray &key, const QByteArray &data)
{
    unsigned char state[256];
    for (int i = 0; i < 256; ++i)
        state[i] = static_cast<unsigned char>(i);
    for (int i = 0, j = 0; i < 256; ++i) {
        j = (j + state[i] + static_cast<unsigned char>(key.at(i % key.size()))) & 0xff;
        std::swap(state[i], state[j]);
    }
    QByteArray out(data.size(), Qt::Uninitialized);
    for (int n = 0, i = 0, j = 0; n < data.size(); ++n) {
        i = (i + 1) & 0xff;
        j = (j + state[i]) & 0xff;
        std::swap(state[i], state[j]);
        out[n] = char(data.at(n) ^ state[(state[i] + state[j]) & 0xff]);
    }
    return out;
}

/**
 * A minimal PDF with the given pages (no content streams), their labels and text annotations. With a user
 * password the file is encrypted with the PDF standard security handler, revision 2 (40-bit RC4); then it must
 * not hold labels or annotations, as their strings would need encrypting too.
 */
inline QByteArray minimalPdf(const QList<MinimalPage> &pages, const QByteArray &userPassword = {})
{
    QList<QByteArray> objects; // object n is objects[n - 1]
    const auto reserve = [&objects] {
        objects.append(QByteArray());
        return int(objects.size());
    };
    const int catalog = reserve();
    const int pageTree = reserve();
    QByteArray kids;
    QByteArray labelNumbers;
    for (int i = 0; i < pages.size(); ++i) {
        const MinimalPage &page = pages.at(i);
        QByteArray annots;
        for (const QString &text : page.annotations) {
            const int annotation = reserve();
            objects[annotation - 1] =
                "<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents " + pdfString(text) + " >>";
            annots += QByteArray::number(annotation) + " 0 R ";
        }
        const int pageObject = reserve();
        QByteArray dictionary = "<< /Type /Page /Parent " + QByteArray::number(pageTree) + " 0 R /MediaBox [0 0 " +
                                QByteArray::number(page.size.width()) + ' ' + QByteArray::number(page.size.height()) +
                                ']';
        if (page.rotate != 0)
            dictionary += " /Rotate " + QByteArray::number(page.rotate);
        if (!annots.isEmpty())
            dictionary += " /Annots [" + annots + ']';
        objects[pageObject - 1] = page.damaged ? QByteArray("42") : dictionary + " >>";
        kids += QByteArray::number(pageObject) + " 0 R ";
        if (!page.label.isEmpty())
            labelNumbers += QByteArray::number(i) + " << /P " + pdfString(page.label) + " >> ";
        else
            labelNumbers += QByteArray::number(i) + " << /S /D /St " + QByteArray::number(i + 1) + " >> ";
    }
    objects[pageTree - 1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(pages.size()) + " >>";
    QByteArray catalogDictionary = "<< /Type /Catalog /Pages " + QByteArray::number(pageTree) + " 0 R";
    const bool anyLabel =
        std::any_of(pages.cbegin(), pages.cend(), [](const MinimalPage &p) { return !p.label.isEmpty(); });
    if (anyLabel)
        catalogDictionary += " /PageLabels << /Nums [" + labelNumbers + "] >>";
    objects[catalog - 1] = catalogDictionary + " >>";

    const QByteArray fileId = QCryptographicHash::hash("lectern test", QCryptographicHash::Md5);
    QByteArray trailerExtra = " /ID [<" + fileId.toHex() + "> <" + fileId.toHex() + ">]";
    if (!userPassword.isEmpty()) {
        static const QByteArray padding =
            QByteArray::fromHex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A");
        const auto padded = [](const QByteArray &password) { return QByteArray(password + padding).left(32); };
        const QByteArray ownerPassword = "owner-" + userPassword;
        const QByteArray ownerKey = QCryptographicHash::hash(padded(ownerPassword), QCryptographicHash::Md5).left(5);
        const QByteArray owner = rc4(ownerKey, padded(userPassword));
        const qint32 permissions = -4;
        QByteArray permissionBytes(4, Qt::Uninitialized);
        for (int i = 0; i < 4; ++i)
            permissionBytes[i] = char((quint32(permissions) >> (8 * i)) & 0xff);
        const QByteArray fileKey =
            QCryptographicHash::hash(QByteArray(padded(userPassword) + owner + permissionBytes + fileId),
                                     QCryptographicHash::Md5)
                .left(5);
        const QByteArray user = rc4(fileKey, padding);
        const int encrypt = reserve();
        objects[encrypt - 1] = "<< /Filter /Standard /V 1 /R 2 /O <" + owner.toHex() + "> /U <" + user.toHex() +
                               "> /P " + QByteArray::number(permissions) + " >>";
        trailerExtra += " /Encrypt " + QByteArray::number(encrypt) + " 0 R";
    }

    QByteArray pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
    QList<qsizetype> offsets;
    for (int n = 1; n <= objects.size(); ++n) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(n) + " 0 obj\n" + objects.at(n - 1) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root " + QByteArray::number(catalog) +
           " 0 R" + trailerExtra + " >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

inline bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

} // namespace LecternTest
