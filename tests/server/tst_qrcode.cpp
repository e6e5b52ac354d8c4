#include "server/qrcode.h"

#include <QTest>

#include <algorithm>
#include <cstdlib>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

/** The 7×7 finder pattern with its top-left module at (left, top): dark frame, light ring, dark 3×3 core. */
bool hasFinderPattern(const QrCode &code, int left, int top)
{
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const int ring = std::max(std::abs(x - 3), std::abs(y - 3));
            const bool dark = ring != 2;
            if (code.isDark(left + x, top + y) != dark)
                return false;
        }
    }
    return true;
}

} // namespace

class TestQrCode : public QObject
{
    Q_OBJECT

private slots:
    void versionFitsTheText_data();
    void versionFitsTheText();
    void textIsEncodedAsUtf8Bytes();
    void hasFinderAndTimingPatterns();
    void sameTextGivesTheSameCode();
    void emptyTextIsAnError();
    void tooLongTextIsAnError_data();
    void tooLongTextIsAnError();
    void imageHasQuietZoneAndScaledModules_data();
    void imageHasQuietZoneAndScaledModules();
    void imageOfZeroScaleIsNull();
};

void TestQrCode::versionFitsTheText_data()
{
    // Byte-mode capacities at level M (ISO/IEC 18004 table 7): version 1 holds 14 bytes, 2: 26, 3: 42,
    // 4: 62, 40: 2331. A version v code is 17 + 4v modules wide.
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("size");

    QTest::newRow("1 byte: version 1") << u"a"_s << 21;
    QTest::newRow("14 bytes: version 1") << QString(14, u'a') << 21;
    QTest::newRow("15 bytes: version 2") << QString(15, u'a') << 25;
    QTest::newRow("26 bytes: version 2") << QString(26, u'a') << 25;
    QTest::newRow("27 bytes: version 3") << QString(27, u'a') << 29;
    QTest::newRow("join URL: version 3") << u"http://192.168.1.20:8080/j/K7P2QX"_s << 29;
    QTest::newRow("42 bytes: version 3") << QString(42, u'a') << 29;
    QTest::newRow("43 bytes: version 4") << QString(43, u'a') << 33;
    QTest::newRow("2331 bytes: version 40") << QString(2331, u'a') << 177;
}

void TestQrCode::versionFitsTheText()
{
    QFETCH(QString, text);
    QFETCH(int, size);

    const Result<QrCode> code = QrCode::encode(text);
    QVERIFY2(code, qPrintable(code ? QString() : code.error()));
    QCOMPARE(code->size(), size);
}

void TestQrCode::textIsEncodedAsUtf8Bytes()
{
    // 14 characters: fits version 1 as ASCII; as three UTF-8 bytes each (42 bytes) it needs version 3.
    const Result<QrCode> ascii = QrCode::encode(QString(14, u'x'));
    const Result<QrCode> japanese = QrCode::encode(QString(14, QChar(0x4F1A)));
    QVERIFY(ascii);
    QVERIFY(japanese);
    QCOMPARE(ascii->size(), 21);
    QCOMPARE(japanese->size(), 29);
}

void TestQrCode::hasFinderAndTimingPatterns()
{
    const Result<QrCode> code = QrCode::encode(u"http://10.0.0.7:8080/j/ABCDEF"_s);
    QVERIFY(code);
    const int size = code->size();
    QCOMPARE((size - 17) % 4, 0);

    QVERIFY(hasFinderPattern(*code, 0, 0));
    QVERIFY(hasFinderPattern(*code, size - 7, 0));
    QVERIFY(hasFinderPattern(*code, 0, size - 7));
    QVERIFY(!hasFinderPattern(*code, size - 7, size - 7));

    // Light separators around the finders.
    for (int i = 0; i < 8; ++i) {
        QVERIFY(!code->isDark(7, i));
        QVERIFY(!code->isDark(i, 7));
        QVERIFY(!code->isDark(size - 8, i));
        QVERIFY(!code->isDark(i, size - 8));
    }
    // Timing patterns: row 6 and column 6 alternate between the finders, dark on even positions.
    for (int i = 8; i < size - 8; ++i) {
        QCOMPARE(code->isDark(i, 6), i % 2 == 0);
        QCOMPARE(code->isDark(6, i), i % 2 == 0);
    }
}

void TestQrCode::sameTextGivesTheSameCode()
{
    const Result<QrCode> first = QrCode::encode(u"http://192.168.0.2:8081/j/QWERTY"_s);
    const Result<QrCode> second = QrCode::encode(u"http://192.168.0.2:8081/j/QWERTY"_s);
    const Result<QrCode> other = QrCode::encode(u"http://192.168.0.2:8081/j/QWERTZ"_s);
    QVERIFY(first && second && other);
    QCOMPARE(first->size(), other->size());

    int differences = 0;
    for (int y = 0; y < first->size(); ++y) {
        for (int x = 0; x < first->size(); ++x) {
            QCOMPARE(first->isDark(x, y), second->isDark(x, y));
            differences += first->isDark(x, y) != other->isDark(x, y) ? 1 : 0;
        }
    }
    QVERIFY(differences > 0);
}

void TestQrCode::emptyTextIsAnError()
{
    const Result<QrCode> code = QrCode::encode(QString());
    QVERIFY(!code);
    QVERIFY(!code.error().isEmpty());
}

void TestQrCode::tooLongTextIsAnError_data()
{
    QTest::addColumn<int>("bytes");
    QTest::newRow("one byte over version 40") << 2332;
    QTest::newRow("over 3000 bytes") << 3001;
    QTest::newRow("far over") << 100'000;
}

void TestQrCode::tooLongTextIsAnError()
{
    QFETCH(int, bytes);

    const Result<QrCode> code = QrCode::encode(QString(bytes, u'a'));
    QVERIFY(!code);
    QVERIFY2(code.error().contains(QString::number(bytes)), qPrintable(code.error()));
}

void TestQrCode::imageHasQuietZoneAndScaledModules_data()
{
    QTest::addColumn<int>("scale");
    QTest::newRow("1 pixel a module") << 1;
    QTest::newRow("4 pixels a module") << 4;
    QTest::newRow("9 pixels a module") << 9;
}

void TestQrCode::imageHasQuietZoneAndScaledModules()
{
    QFETCH(int, scale);

    const Result<QrCode> code = QrCode::encode(u"http://192.168.1.20:8080/j/K7P2QX"_s);
    QVERIFY(code);
    const QImage image = code->toImage(scale);
    const int side = (code->size() + 8) * scale;
    QCOMPARE(image.size(), QSize(side, side));
    QCOMPARE(image.format(), QImage::Format_RGB32);

    const QRgb white = qRgb(255, 255, 255);
    const QRgb black = qRgb(0, 0, 0);
    int darkModules = 0;
    for (int y = 0; y < code->size(); ++y) {
        for (int x = 0; x < code->size(); ++x)
            darkModules += code->isDark(x, y) ? 1 : 0;
    }

    int blackPixels = 0;
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            const QRgb pixel = image.pixel(x, y);
            QVERIFY(pixel == white || pixel == black);
            const bool inQuietZone = std::min({x, y, side - 1 - x, side - 1 - y}) < 4 * scale;
            if (inQuietZone) {
                QCOMPARE(pixel, white);
                continue;
            }
            const bool dark = code->isDark(x / scale - 4, y / scale - 4);
            QCOMPARE(pixel, dark ? black : white);
            blackPixels += dark ? 1 : 0;
        }
    }
    QCOMPARE(blackPixels, darkModules * scale * scale);
}

void TestQrCode::imageOfZeroScaleIsNull()
{
    const Result<QrCode> code = QrCode::encode(u"x"_s);
    QVERIFY(code);
    QVERIFY(code->toImage(0).isNull());
    QVERIFY(code->toImage(-3).isNull());
    QVERIFY(QrCode().toImage(4).isNull());
}

QTEST_GUILESS_MAIN(TestQrCode)
#include "tst_qrcode.moc"
