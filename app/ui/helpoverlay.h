#pragma once

#include <QWidget>

namespace Lectern {

class KeyMap;

/** The key help drawn over the console: every binding of the KeyMap with its keys and what it does. */
class HelpOverlay : public QWidget
{
    Q_OBJECT

public:
    explicit HelpOverlay(const KeyMap &keys, QWidget *parent = nullptr);

    /** The text of the key column for one binding, as shown ("Right, Down, PgDown…"). */
    static QString keyText(const QList<QKeySequence> &keys);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void closeRequested();

private:
    QWidget *m_panel = nullptr;
};

} // namespace Lectern
