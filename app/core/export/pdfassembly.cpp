#include "export/pdfassembly.h"
#include "export/exportlogging.h"

#include <QCoreApplication>

// qpdf's smart pointers are std::shared_ptr (qpdf 11): no transitional PointerHolder.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace Lectern {

namespace {

/** A number tree of page labels: each page its own range with its label as prefix. */
QPDFObjectHandle pageLabels(const QList<PdfAssembly::Page> &pages)
{
    QPDFObjectHandle numbers = QPDFObjectHandle::newArray();
    for (qsizetype i = 0; i < pages.size(); ++i) {
        QPDFObjectHandle label = QPDFObjectHandle::newDictionary();
        label.replaceKey("/P", QPDFObjectHandle::newUnicodeString(pages.at(i).label.toStdString()));
        numbers.appendItem(QPDFObjectHandle::newInteger(i));
        numbers.appendItem(label);
    }
    QPDFObjectHandle tree = QPDFObjectHandle::newDictionary();
    tree.replaceKey("/Nums", numbers);
    return tree;
}

/** Reads a PDF held in bytes, which must outlive the QPDF; description names it in qpdf's messages. */
std::unique_ptr<QPDF> loadPdf(const QByteArray &bytes, const QString &description)
{
    auto pdf = std::make_unique<QPDF>();
    pdf->setSuppressWarnings(true);
    pdf->processMemoryFile(description.toStdString().c_str(), bytes.constData(), size_t(bytes.size()));
    return pdf;
}

} // namespace

// qpdf reports failures by exceptions: they end here. The messages are the handout's, in its translation context.
Result<QByteArray> PdfAssembly::assemble(const QList<Source> &sources, const QList<Page> &pages)
{
    try {
        // The QPDFs read from the sources' bytes, which are the caller's for the whole call.
        std::vector<std::unique_ptr<QPDF>> sourcePdfs;
        std::vector<std::vector<QPDFPageObjectHelper>> sourcePages;
        std::string version = "1.4";
        for (const Source &source : sources) {
            sourcePdfs.push_back(loadPdf(source.bytes, source.description));
            sourcePages.push_back(QPDFPageDocumentHelper(*sourcePdfs.back()).getAllPages());
            version = std::max(version, sourcePdfs.back()->getPDFVersion());
        }

        QPDF assembled;
        assembled.setSuppressWarnings(true);
        assembled.emptyPDF();
        QPDFPageDocumentHelper assembledPages(assembled);
        for (const Page &page : pages) {
            const std::vector<QPDFPageObjectHelper> &source = sourcePages.at(size_t(page.source));
            if (page.pageIndex < 0 || size_t(page.pageIndex) >= source.size())
                return fail(QCoreApplication::translate("Lectern::Handout", "Page %1 of the deck %2 cannot be read.")
                                .arg(page.pageIndex + 1)
                                .arg(sources.at(page.source).description));
            assembledPages.addPage(source.at(size_t(page.pageIndex)), false);
        }
        assembled.getRoot().replaceKey("/PageLabels", pageLabels(pages));

        QPDFWriter writer(assembled);
        writer.setOutputMemory();
        writer.setDeterministicID(true);
        writer.setMinimumPDFVersion(version);
        writer.write();
        const std::shared_ptr<Buffer> output = writer.getBufferSharedPointer();
        return QByteArray(reinterpret_cast<const char *>(output->getBuffer()), qsizetype(output->getSize()));
    } catch (const std::exception &error) {
        // The printf form: the stream form names no argument, which C++17 -pedantic warns about.
        qCWarning(lcExport, "qpdf failed: %s", error.what());
        return fail(QCoreApplication::translate("Lectern::Handout", "The handout could not be assembled: %1")
                        .arg(QString::fromUtf8(error.what())));
    }
}

} // namespace Lectern
