#include "benchdecks.h"

#include <QCoreApplication>
#include <QFont>
#include <QLinearGradient>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QPolygonF>
#include <QRadialGradient>
#include <QRandomGenerator>
#include <QSaveFile>

#include <cmath>
#include <functional>
#include <numbers>

using namespace Qt::StringLiterals;

namespace Lectern::BenchDecks {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Lectern::BenchDecks", text);
}

/** Writes pages through QPdfWriter into a QSaveFile, so a failed run leaves no half-written deck behind. */
Result<QString> writeDeck(const QString &path, int pages, const QPageSize &pageSize, int resolution,
                          const std::function<void(QPainter &, int page)> &paintPage)
{
    if (pages < 1)
        return fail(translate("A benchmark deck needs at least one page, not %1.").arg(pages));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(translate("Cannot write %1: %2").arg(path, file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setCreator(u"Lectern benchmark"_s);
        writer.setResolution(resolution);
        writer.setPageLayout(QPageLayout(pageSize, QPageLayout::Portrait, QMarginsF()));
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(translate("Cannot draw into %1.").arg(path));
        painter.setRenderHint(QPainter::Antialiasing);
        for (int page = 0; page < pages; ++page) {
            if (page > 0 && !writer.newPage()) {
                painter.end();
                return fail(translate("Cannot add page %1 to %2.").arg(page + 1).arg(path));
            }
            painter.save();
            paintPage(painter, page);
            painter.restore();
        }
        if (!painter.end())
            return fail(translate("Cannot finish %1.").arg(path));
    }
    if (!file.commit())
        return fail(translate("Cannot write %1: %2").arg(path, file.errorString()));
    return path;
}

QFont pixelFont(const QString &family, int pixelSize, bool bold = false)
{
    QFont font(family);
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

void paintTextPage(QPainter &painter, int page, int pages)
{
    // 1920×1080 device units on a 720×405 pt page.
    painter.fillRect(QRectF(0, 0, 1920, 1080), QColor(0xf7, 0xf6, 0xf2));
    painter.fillRect(QRectF(0, 0, 1920, 150), QColor(0x1b, 0x26, 0x38));
    painter.setPen(Qt::white);
    painter.setFont(pixelFont(u"DejaVu Sans"_s, 62));
    painter.drawText(QRectF(100, 0, 1720, 150), Qt::AlignVCenter | Qt::AlignLeft,
                     u"Benchmark slide %1 of %2"_s.arg(page + 1).arg(pages));

    painter.setPen(QColor(0x1f, 0x29, 0x33));
    painter.setFont(pixelFont(u"DejaVu Sans"_s, 44));
    const QStringList bullets{
        u"Point %1: a sentence long enough to wrap like a real bullet on a real slide would"_s.arg(page + 1),
        u"A second point about measuring before optimising"_s,
        u"A third point, shorter"_s,
    };
    qreal y = 220;
    for (const QString &bullet : bullets) {
        painter.fillRect(QRectF(110, y + 24, 16, 16), QColor(0x35, 0x72, 0xa5));
        const QRectF box(160, y, 1660, 200);
        const QRectF used = painter.boundingRect(box, Qt::TextWordWrap, bullet);
        painter.drawText(box, Qt::TextWordWrap, bullet);
        y += used.height() + 30;
    }

    const QRectF code(100, 640, 1720, 300);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xea, 0xef, 0xf6));
    painter.drawRoundedRect(code, 18, 18);
    painter.setPen(QColor(0x1f, 0x29, 0x33));
    painter.setFont(pixelFont(u"DejaVu Sans Mono"_s, 34));
    painter.drawText(code.adjusted(34, 30, -34, -30), Qt::AlignLeft | Qt::AlignTop,
                     u"def slide_%1(deck):\n    page = deck.page(%1)\n    return page.render(dpi=144)"_s.arg(page + 1));

    painter.setPen(QColor(0x6b, 0x72, 0x80));
    painter.setFont(pixelFont(u"DejaVu Sans"_s, 24));
    painter.drawText(QRectF(100, 1010, 1720, 50), Qt::AlignVCenter | Qt::AlignLeft, u"Lectern benchmark deck"_s);
    painter.drawText(QRectF(100, 1010, 1720, 50), Qt::AlignVCenter | Qt::AlignRight, QString::number(page + 1));
}

// Tuned so that poppler 22.12 needs about 0.4 s to render one page at 1920×1080 px (Debian 12, 2-core VM, Splash
// with antialiasing); a 300-page deck is about 35 MB. Blobs cost the most time, strokes the most bytes.
constexpr int kHeavyBlobs = 800;
constexpr int kHeavyStrokes = 220;
constexpr int kHeavyGradients = 8;
constexpr int kHeavyLabels = 150;

void paintHeavyPage(QPainter &painter, int page)
{
    // Each page draws different shapes (seeded by its number), so no renderer can reuse one page for another.
    QRandomGenerator random(0x1ec7e5u + quint32(page));
    const auto uniform = [&random](double low, double high) { return low + random.generateDouble() * (high - low); };
    const auto randomColor = [&random](int alpha) {
        return QColor::fromHsv(random.bounded(360), 90 + random.bounded(140), 120 + random.bounded(130), alpha);
    };

    QLinearGradient background(0, 0, 1920, 1080);
    background.setColorAt(0, QColor::fromHsv((page * 37) % 360, 40, 250));
    background.setColorAt(1, QColor::fromHsv((page * 37 + 120) % 360, 60, 220));
    painter.fillRect(QRectF(0, 0, 1920, 1080), background);

    for (int i = 0; i < kHeavyGradients; ++i) {
        const QPointF center(uniform(0, 1920), uniform(0, 1080));
        const double radius = uniform(60, 260);
        QRadialGradient gradient(center, radius);
        gradient.setColorAt(0, randomColor(255));
        gradient.setColorAt(1, randomColor(255));
        painter.setPen(Qt::NoPen);
        painter.setBrush(gradient);
        painter.drawEllipse(center, radius, radius * uniform(0.5, 1.0));
    }

    // Coordinates are whole points: they compress well, so the deck stays small for how long it takes to render.
    const auto point = [&random](int left, int top, int right, int bottom) {
        return QPointF(left + random.bounded(right - left), top + random.bounded(bottom - top));
    };

    // Translucent star-shaped blobs: blending over everything below them costs poppler per covered pixel.
    for (int i = 0; i < kHeavyBlobs; ++i) {
        const QPointF center = point(0, 0, 1920, 1080);
        const double radius = uniform(20, 100);
        const int points = 5 + random.bounded(5);
        QPolygonF blob;
        for (int p = 0; p < points * 2; ++p) {
            const double angle = p * std::numbers::pi / points;
            const double r = (p % 2 == 0) ? radius : radius * 0.45;
            blob << QPointF(std::round(center.x() + r * std::cos(angle)), std::round(center.y() + r * std::sin(angle)));
        }
        painter.setPen(QPen(randomColor(255), 1 + random.bounded(3)));
        painter.setBrush(randomColor(110));
        painter.drawPolygon(blob);
    }

    // Zigzag strokes with round joins: poppler turns each into a filled outline.
    for (int i = 0; i < kHeavyStrokes; ++i) {
        QPolygonF stroke;
        QPointF next = point(0, 0, 1920, 1080);
        for (int s = 0; s < 24; ++s) {
            stroke << next;
            next += point(-80, -80, 80, 80);
        }
        painter.setPen(QPen(randomColor(255), 1 + random.bounded(8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(stroke);
    }

    painter.setFont(pixelFont(u"DejaVu Sans"_s, 14));
    for (int i = 0; i < kHeavyLabels; ++i) {
        painter.setPen(randomColor(255));
        painter.drawText(QPointF(uniform(0, 1850), uniform(14, 1080)), u"node %1.%2"_s.arg(page + 1).arg(i));
    }

    // The page number on a plate, readable in screenshots: which page a window shows is what the benchmark checks.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawRoundedRect(QRectF(660, 470, 600, 140), 24, 24);
    painter.setPen(Qt::black);
    painter.setFont(pixelFont(u"DejaVu Sans"_s, 72, true));
    painter.drawText(QRectF(0, 0, 1920, 1080), Qt::AlignCenter, u"Heavy page %1"_s.arg(page + 1));
}

} // namespace

Result<QString> writeTextDeck(const QString &path, int pages)
{
    return writeDeck(path, pages, QPageSize(QSizeF(254, 142.875), QPageSize::Millimeter), 192,
                     [pages](QPainter &painter, int page) { paintTextPage(painter, page, pages); });
}

Result<QString> writeHeavyDeck(const QString &path, int pages)
{
    // 72 dpi: one device unit is one point, and the page is 1920×1080 pt.
    return writeDeck(path, pages, QPageSize(QSizeF(1920, 1080), QPageSize::Point), 72,
                     [](QPainter &painter, int page) { paintHeavyPage(painter, page); });
}

} // namespace Lectern::BenchDecks
