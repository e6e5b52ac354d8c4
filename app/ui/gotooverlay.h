#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace Lectern {

class LiveEvent;

/** The go-to box drawn over the console: type a slide number, Enter goes there, Esc closes. */
class GoToOverlay : public QWidget
{
    Q_OBJECT

public:
    explicit GoToOverlay(LiveEvent &event, QWidget *parent = nullptr);

    /** Clears the box and the error, and puts the focus in the box. */
    void reset();
    /** Goes to the slide typed; stays open with an error when it is not a slide. */
    void submit();

    QLineEdit *input() const { return m_input; }
    QString errorText() const;

Q_SIGNALS:
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void showError(const QString &message);

    LiveEvent &m_event;
    QLabel *m_title = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Lectern
