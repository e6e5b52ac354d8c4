#pragma once

// Test decks for the UI tests, written at test time with QPdfWriter (and a .pdfpc sidecar for labels,
// overlays, hidden pages and notes).

#include <QColor>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QString>

namespace LecternUiTest {

/** A deck of pageCount pages, each a bright colour with its number, so a rendered page is never black. */
inline bool writeDeck(const QString &path, int pageCount, QSizeF pageSize = QSizeF(800, 600))
{
    QPdfWriter writer(path);
    writer.setResolution(72);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setPageSize(QPageSize(pageSize, QPageSize::Point));
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    for (int i = 0; i < pageCount; ++i) {
        if (i > 0)
            writer.newPage();
        const QRectF area(QPointF(0, 0), pageSize);
        painter.fillRect(area, QColor::fromHsv((i * 47) % 360, 160, 230));
        painter.setPen(Qt::black);
        QFont font = painter.font();
        font.setPixelSize(int(pageSize.height() / 4));
        painter.setFont(font);
        painter.drawText(area, Qt::AlignCenter, QString::number(i + 1));
    }
    return painter.end();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/**
 * The deck the console tests use: six pages, labels 1 2 2 3 4 5 with page 2 an overlay step of slide 2 and
 * page 4 hidden, so the visible slides are 1, 2 (pages 1–2), 3 and 5 (page 5): four slides.
 * Notes: Markdown on page 0, HTML on page 1, none on page 3.
 */
inline bool writeConsoleDeck(const QString &path)
{
    if (!writeDeck(path, 6))
        return false;
    QJsonArray pages;
    const auto page = [](int index, const QString &label, bool overlay, bool hidden, const QString &note) {
        return QJsonObject{{QStringLiteral("idx"), index},
                           {QStringLiteral("label"), label},
                           {QStringLiteral("overlay"), overlay},
                           {QStringLiteral("hidden"), hidden},
                           {QStringLiteral("note"), note}};
    };
    pages.append(page(0, QStringLiteral("1"), false, false, QStringLiteral("First **note**")));
    pages.append(page(1, QStringLiteral("2"), false, false, QStringLiteral("<b>bold</b> & <script>alert(1)</script>")));
    pages.append(page(2, QStringLiteral("2"), true, false, QStringLiteral("Second step")));
    pages.append(page(3, QStringLiteral("3"), false, false, QString()));
    pages.append(page(4, QStringLiteral("4"), false, true, QStringLiteral("Hidden")));
    pages.append(page(5, QStringLiteral("5"), false, false, QStringLiteral("The end")));
    const QJsonObject sidecar{{QStringLiteral("pdfpcFormat"), 2}, {QStringLiteral("pages"), pages}};
    QString sidecarPath = path;
    sidecarPath.chop(3);
    return writeFile(sidecarPath + QStringLiteral("pdfpc"), QJsonDocument(sidecar).toJson());
}

} // namespace LecternUiTest
