// Fuzz target: a pdfpc `.pdfpc` notes file (PdfpcFile::parse), which comes with a deck from anywhere. Whatever it
// holds, what is read keeps the ranges the rest of Lectern counts on, and a file that cannot be read is told why.
#include "fuzzcheck.h"
#include "slides/pdfpcfile.h"

using namespace Lectern;
using namespace Lectern::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<PdfpcFile> file = PdfpcFile::parse(bytesOf(data, size));
    if (!file) {
        require(!file.error().isEmpty(), "a .pdfpc file that cannot be read is told why");
        return 0;
    }
    require(!file->durationMinutes || *file->durationMinutes >= 0, "a .pdfpc duration is not negative");
    require(!file->lastMinutes || *file->lastMinutes >= 0, "a .pdfpc warning time is not negative");
    require(!file->endSlide || *file->endSlide >= 1, "a .pdfpc end slide counts from 1");
    require(!file->startTime || file->startTime->isValid(), "a .pdfpc start time is a time");
    require(!file->endTime || file->endTime->isValid(), "a .pdfpc end time is a time");
    for (auto page = file->pages.cbegin(); page != file->pages.cend(); ++page) {
        require(page.key() == page->index, "a .pdfpc page is kept under its index");
        require(page->index >= 0, "a .pdfpc page index is not negative");
        require(page->overlay >= 0, "a .pdfpc overlay step is not negative");
    }
    return 0;
}
