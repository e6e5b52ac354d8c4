#pragma once

#include <QBuffer>
#include <QByteArray>

#include <memory>

namespace Poppler {
class Document;
}

namespace Lectern {

/**
 * A Poppler::Document read from a PDF's bytes in memory. Poppler::Document::loadFromData() makes a deep copy
 * of the bytes for every document (it writes through QByteArray::data()); this reads them through a read-only
 * QBuffer instead, so a deck's bytes exist once however many workers open a document on them. Each instance is
 * used by one thread only; the bytes themselves are shared read-only.
 */
class InMemoryPdf
{
public:
    /** Loads the document; document() is null when poppler cannot read the bytes. */
    InMemoryPdf(const QByteArray &bytes, const QByteArray &password);
    ~InMemoryPdf();

    InMemoryPdf(const InMemoryPdf &) = delete;
    InMemoryPdf &operator=(const InMemoryPdf &) = delete;

    Poppler::Document *document() const { return m_document.get(); }

private:
    QBuffer m_buffer; // outlives m_document, which reads from it
    std::unique_ptr<Poppler::Document> m_document;
};

} // namespace Lectern
