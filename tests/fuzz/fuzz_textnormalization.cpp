// Fuzz target: the normalisation of what people type (normalizeQuestionText, normalizeDisplayName,
// normalizeWordCloudAnswer) and of durations typed on the command line or in the console (parseDuration). The first
// byte picks how the rest becomes text: UTF-8 as a WebSocket frame carries it, or raw UTF-16 units, which JSON
// escapes can also produce (lone surrogates included).
#include "fuzzcheck.h"
#include "model/timingsources.h"

using namespace Lectern;
using namespace Lectern::Fuzz;

namespace {

QString textOf(const uint8_t *data, size_t size)
{
    if (size == 0)
        return QString();
    if (data[0] % 2 == 0)
        return QString::fromUtf8(bytesOf(data + 1, size - 1));
    QString text;
    text.reserve(qsizetype((size - 1) / 2));
    for (size_t i = 1; i + 1 < size; i += 2)
        text.append(QChar(char16_t(data[i] | (data[i + 1] << 8))));
    return text;
}

void checkDuration(const QString &typed)
{
    const Result<std::chrono::seconds> duration = parseDuration(typed);
    if (duration)
        require(duration->count() >= 1 && duration->count() <= 24 * 3600, "a duration is from a second to a day");
    else
        require(!duration.error().isEmpty(), "a duration that cannot be read is told why");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = textOf(data, size);
    checkQuestionText(text);
    checkWordCloudAnswer(text);
    checkDuration(text);
    return 0;
}
