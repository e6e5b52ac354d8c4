#include "slides/inmemorypdf.h"

#include <poppler-qt6.h>

namespace Lectern {

InMemoryPdf::InMemoryPdf(const QByteArray &bytes, const QByteArray &password)
{
    m_buffer.setData(bytes);
    if (m_buffer.open(QIODevice::ReadOnly))
        m_document = Poppler::Document::load(&m_buffer, password, password);
}

InMemoryPdf::~InMemoryPdf() = default;

} // namespace Lectern
