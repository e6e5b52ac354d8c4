#include "eventeditor.h"

#include "event/liveevent.h"
#include "model/eventfile.h"
#include "plaintext.h"
#include "slides/slidedeck.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Lectern {

namespace {

constexpr int kMaxMaterials = 20;
constexpr int kMaxMaterialLabelLength = 100;
constexpr int kMaxMaterialUrlLength = 2000;
const QString kEventFileSuffix = u".lectern.json"_s;

int wholeMinutes(std::chrono::seconds duration)
{
    return int(std::lround(double(duration.count()) / 60.0));
}

} // namespace

EventEditor::EventEditor(LiveEvent &event, QWidget *parent)
    : QDialog(parent)
    , m_event(event)
    , m_chooseDeck(&EventEditor::chooseDeckWithDialog)
    , m_chooseEventFile(&EventEditor::chooseEventFileWithDialog)
{
    setObjectName(u"eventEditor"_s);
    setWindowTitle(tr("Edit event"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(buildEventFields());
    auto *sessions = new QHBoxLayout;
    sessions->setSpacing(16);
    sessions->addWidget(buildSessionList(), 2);
    sessions->addWidget(buildSessionFields(), 3);
    layout->addLayout(sessions, 1);

    m_error = plainLabel(u"eventEditorError"_s, this);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"eventEditorSave"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"eventEditorCancel"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EventEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EventEditor::reject);
    layout->addWidget(m_buttons);

    loadPlan(m_event.plan());
    resize(980, 680);
}

EventEditor::~EventEditor() = default;

QWidget *EventEditor::buildEventFields()
{
    auto *box = new QWidget(this);
    box->setObjectName(u"eventFields"_s);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_eventTitle = new QLineEdit(box);
    m_eventTitle->setObjectName(u"eventTitle"_s);
    m_eventTitle->setMaxLength(EventFile::kMaxTextLength);
    m_eventTitle->setPlaceholderText(tr("Robust Python evening"));
    form->addRow(tr("Event &title"), m_eventTitle);

    auto *when = new QHBoxLayout;
    when->setSpacing(12);
    m_dateSet = new QCheckBox(tr("&Date"), box);
    m_dateSet->setObjectName(u"eventDateSet"_s);
    m_date = new QDateEdit(box);
    m_date->setObjectName(u"eventDate"_s);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_startSet = new QCheckBox(tr("Be&gins at"), box);
    m_startSet->setObjectName(u"eventStartSet"_s);
    m_startSet->setToolTip(tr("The first session begins then; the others follow back to back."));
    m_start = new QTimeEdit(box);
    m_start->setObjectName(u"eventStart"_s);
    m_start->setDisplayFormat(u"HH:mm"_s);
    connect(m_dateSet, &QCheckBox::toggled, m_date, &QWidget::setEnabled);
    connect(m_startSet, &QCheckBox::toggled, m_start, &QWidget::setEnabled);
    when->addWidget(m_dateSet);
    when->addWidget(m_date);
    when->addSpacing(16);
    when->addWidget(m_startSet);
    when->addWidget(m_start);
    when->addStretch(1);
    form->addRow(tr("When"), when);

    m_venue = new QLineEdit(box);
    m_venue->setObjectName(u"eventVenue"_s);
    m_venue->setMaxLength(EventFile::kMaxTextLength);
    m_venue->setPlaceholderText(tr("Hackspace, room 2"));
    form->addRow(tr("&Venue"), m_venue);
    return box;
}

QWidget *EventEditor::buildSessionList()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plainLabel(u"sessionsCaption"_s, box, tr("Sessions, in order")));

    m_sessionList = new QListWidget(box);
    m_sessionList->setObjectName(u"sessionList"_s);
    m_sessionList->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_sessionList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_loading)
            showRow(row);
    });
    layout->addWidget(m_sessionList, 1);

    auto *buttons = new QHBoxLayout;
    auto makeButton = [box, buttons](const QString &objectName, const QString &text) {
        auto *button = new QPushButton(text, box);
        button->setObjectName(objectName);
        button->setAutoDefault(false);
        buttons->addWidget(button);
        return button;
    };
    QPushButton *add = makeButton(u"sessionAdd"_s, tr("&Add"));
    m_removeButton = makeButton(u"sessionRemove"_s, tr("&Remove"));
    m_upButton = makeButton(u"sessionUp"_s, tr("&Up"));
    m_downButton = makeButton(u"sessionDown"_s, tr("Do&wn"));
    buttons->addStretch(1);
    connect(add, &QPushButton::clicked, this, &EventEditor::addSession);
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        if (const Result<> removed = removeSession(m_currentRow); !removed)
            showError(removed.error());
    });
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveSession(m_currentRow, -1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveSession(m_currentRow, +1); });
    layout->addLayout(buttons);
    return box;
}

QWidget *EventEditor::buildSessionFields()
{
    m_sessionFields = new QWidget(this);
    m_sessionFields->setObjectName(u"sessionFields"_s);
    auto *outer = new QVBoxLayout(m_sessionFields);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    outer->addLayout(form);
    outer->addStretch(1);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_title = new QLineEdit(m_sessionFields);
    m_title->setObjectName(u"sessionTitle"_s);
    m_title->setMaxLength(EventFile::kMaxTextLength);
    connect(m_title, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (Row *row = current()) {
            row->session.title = text.trimmed();
            refreshListItem(m_currentRow);
        }
    });
    form->addRow(tr("Titl&e"), m_title);

    m_speaker = new QLineEdit(m_sessionFields);
    m_speaker->setObjectName(u"sessionSpeaker"_s);
    m_speaker->setMaxLength(EventFile::kMaxTextLength);
    connect(m_speaker, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (Row *row = current()) {
            row->session.speaker = text.trimmed();
            refreshListItem(m_currentRow);
        }
    });
    form->addRow(tr("S&peaker"), m_speaker);

    auto *deckBox = new QVBoxLayout;
    deckBox->setSpacing(4);
    auto *deckLine = new QHBoxLayout;
    m_deck = new QLineEdit(m_sessionFields);
    m_deck->setObjectName(u"sessionDeck"_s);
    m_deck->setMaxLength(EventFile::kMaxPathLength);
    m_deck->setPlaceholderText(tr("No deck"));
    connect(m_deck, &QLineEdit::editingFinished, this, [this] {
        const Row *row = current();
        const QString typed = QDir::fromNativeSeparators(m_deck->text().trimmed());
        if (row && typed != row->session.deckPath)
            setDeck(typed);
    });
    auto *choose = new QPushButton(tr("C&hoose…"), m_sessionFields);
    choose->setObjectName(u"sessionDeckChoose"_s);
    choose->setAutoDefault(false);
    connect(choose, &QPushButton::clicked, this, [this] {
        const Row *row = current();
        if (!row || !m_chooseDeck)
            return;
        if (const QString path = m_chooseDeck(this, row->session.deckPath); !path.isEmpty())
            setDeck(path);
    });
    deckLine->addWidget(m_deck, 1);
    deckLine->addWidget(choose);
    deckBox->addLayout(deckLine);
    m_deckMessage = plainLabel(u"sessionDeckMessage"_s, m_sessionFields);
    m_deckMessage->setWordWrap(true);
    deckBox->addWidget(m_deckMessage);
    auto *deckLabel = new QLabel(tr("De&ck"), m_sessionFields);
    deckLabel->setBuddy(m_deck);
    form->addRow(deckLabel, deckBox);

    m_deckDownload = new QCheckBox(tr("Phones may download this deck"), m_sessionFields);
    m_deckDownload->setObjectName(u"sessionDeckDownload"_s);
    m_deckDownload->setToolTip(tr("Attendees can save the deck's PDF from the phone page, served from this laptop."));
    connect(m_deckDownload, &QCheckBox::toggled, this, [this](bool on) {
        if (Row *row = current(); row && !m_loading)
            row->session.deckDownload = on;
    });
    form->addRow(QString(), m_deckDownload);

    auto *minutes = new QHBoxLayout;
    m_talkMinutes = new QSpinBox(m_sessionFields);
    m_talkMinutes->setObjectName(u"sessionTalkMinutes"_s);
    m_talkMinutes->setRange(1, kMaxTimingMinutes);
    m_talkMinutes->setSuffix(tr(" min"));
    connect(m_talkMinutes, &QSpinBox::valueChanged, this, [this](int value) {
        if (Row *row = current(); row && !m_loading)
            row->session.timing.talkTime = std::chrono::minutes(value);
    });
    m_qaMinutes = new QSpinBox(m_sessionFields);
    m_qaMinutes->setObjectName(u"sessionQaMinutes"_s);
    m_qaMinutes->setRange(0, kMaxTimingMinutes);
    m_qaMinutes->setSuffix(tr(" min"));
    connect(m_qaMinutes, &QSpinBox::valueChanged, this, [this](int value) {
        if (Row *row = current(); row && !m_loading)
            row->session.timing.qaTime = std::chrono::minutes(value);
    });
    minutes->addWidget(m_talkMinutes);
    minutes->addSpacing(16);
    auto *qaLabel = new QLabel(tr("&Q&&A"), m_sessionFields);
    qaLabel->setBuddy(m_qaMinutes);
    minutes->addWidget(qaLabel);
    minutes->addWidget(m_qaMinutes);
    minutes->addStretch(1);
    auto *talkLabel = new QLabel(tr("Ta&lk"), m_sessionFields);
    talkLabel->setBuddy(m_talkMinutes);
    form->addRow(talkLabel, minutes);

    auto *materialsBox = new QVBoxLayout;
    materialsBox->setSpacing(4);
    m_materials = new QTableWidget(0, 2, m_sessionFields);
    m_materials->setObjectName(u"sessionMaterials"_s);
    m_materials->setHorizontalHeaderLabels({tr("Label"), tr("Address (http or https)")});
    m_materials->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_materials->horizontalHeader()->setStretchLastSection(true);
    m_materials->verticalHeader()->hide();
    m_materials->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_materials->setMinimumHeight(90);
    m_materials->setMaximumHeight(170);
    connect(m_materials, &QTableWidget::cellChanged, this, [this] {
        if (!m_loading)
            readMaterialsTable();
    });
    materialsBox->addWidget(m_materials, 1);
    auto *materialButtons = new QHBoxLayout;
    auto *addLink = new QPushButton(tr("Add lin&k"), m_sessionFields);
    addLink->setObjectName(u"materialAdd"_s);
    addLink->setAutoDefault(false);
    auto *removeLink = new QPushButton(tr("Remove l&ink"), m_sessionFields);
    removeLink->setObjectName(u"materialRemove"_s);
    removeLink->setAutoDefault(false);
    connect(addLink, &QPushButton::clicked, this, [this] {
        if (m_materials->rowCount() >= kMaxMaterials) {
            refreshMaterialsMessage();
            return;
        }
        const int row = m_materials->rowCount();
        m_loading = true;
        m_materials->insertRow(row);
        m_materials->setItem(row, 0, new QTableWidgetItem(tr("Slides")));
        m_materials->setItem(row, 1, new QTableWidgetItem(u"https://"_s));
        m_loading = false;
        readMaterialsTable();
        m_materials->setCurrentCell(row, 1);
        m_materials->editItem(m_materials->item(row, 1));
    });
    connect(removeLink, &QPushButton::clicked, this, [this] {
        if (const int row = m_materials->currentRow(); row >= 0) {
            m_materials->removeRow(row);
            readMaterialsTable();
        }
    });
    materialButtons->addWidget(addLink);
    materialButtons->addWidget(removeLink);
    materialButtons->addStretch(1);
    materialsBox->addLayout(materialButtons);
    m_materialsMessage = plainLabel(u"sessionMaterialsMessage"_s, m_sessionFields);
    m_materialsMessage->setWordWrap(true);
    m_materialsMessage->hide();
    materialsBox->addWidget(m_materialsMessage);
    auto *materialsLabel = new QLabel(tr("&Materials"), m_sessionFields);
    materialsLabel->setBuddy(m_materials);
    form->addRow(materialsLabel, materialsBox);

    m_polls = plainLabel(u"sessionPolls"_s, m_sessionFields);
    form->addRow(tr("Polls"), m_polls);
    return m_sessionFields;
}

void EventEditor::loadPlan(const Event &plan)
{
    m_eventTitle->setText(plan.title);
    m_dateSet->setChecked(plan.date.isValid());
    m_date->setDate(plan.date.isValid() ? plan.date : QDate::currentDate());
    m_date->setEnabled(plan.date.isValid());
    m_startSet->setChecked(plan.startTime.has_value());
    m_start->setTime(plan.startTime.value_or(QTime(19, 0)));
    m_start->setEnabled(plan.startTime.has_value());
    m_venue->setText(plan.venue);

    m_rows.clear();
    for (int index = 0; index < int(plan.sessions.size()); ++index) {
        Row row;
        row.id = m_nextRowId++;
        row.previousIndex = index;
        row.session = plan.sessions.at(index);
        for (const Material &material : std::as_const(row.session.materials))
            row.materials.append({material.label, material.url.toString()});
        m_rows.append(row);
    }
    m_loading = true;
    m_sessionList->clear();
    for (int row = 0; row < int(m_rows.size()); ++row) {
        m_sessionList->addItem(QString());
        refreshListItem(row);
    }
    m_loading = false;
    for (int row = 0; row < int(m_rows.size()); ++row)
        checkDeck(row);
    selectSession(m_rows.isEmpty() ? -1 : std::max(m_event.sessionIndex(), 0));
}

void EventEditor::setEventFilePath(const QString &path)
{
    m_eventFilePath = path;
}

void EventEditor::setDeckChooser(DeckChooser chooser)
{
    m_chooseDeck = std::move(chooser);
}

void EventEditor::setEventFileChooser(EventFileChooser chooser)
{
    m_chooseEventFile = std::move(chooser);
}

QString EventEditor::chooseDeckWithDialog(QWidget *parent, const QString &currentPath)
{
    return QFileDialog::getOpenFileName(parent, tr("Choose the session's deck"),
                                        currentPath.isEmpty() ? QString() : QFileInfo(currentPath).absolutePath(),
                                        tr("PDF decks (*.pdf *.PDF)"));
}

QString EventEditor::chooseEventFileWithDialog(QWidget *parent, const QString &suggestedPath)
{
    QString path = QFileDialog::getSaveFileName(parent, tr("Save the event file"), suggestedPath,
                                                tr("Lectern event files (*.lectern.json)"));
    if (!path.isEmpty() && !path.endsWith(u".json"_s, Qt::CaseInsensitive))
        path += kEventFileSuffix;
    return path;
}

EventEditor::Row *EventEditor::current()
{
    return m_currentRow >= 0 && m_currentRow < m_rows.size() ? &m_rows[m_currentRow] : nullptr;
}

int EventEditor::rowWithId(quint64 id) const
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

QString EventEditor::sessionName(int row) const
{
    const Session &session = m_rows.at(row).session;
    return session.title.isEmpty() ? tr("session %1").arg(row + 1) : tr("“%1”").arg(session.title);
}

void EventEditor::refreshListItem(int row)
{
    QListWidgetItem *item = m_sessionList->item(row);
    if (!item)
        return;
    const Session &session = m_rows.at(row).session;
    const QString title = session.title.isEmpty() ? tr("(untitled)") : session.title;
    QString text = tr("%1. %2").arg(row + 1).arg(title);
    if (!session.speaker.isEmpty())
        text += u'\n' + session.speaker;
    item->setText(text);
    const bool onStage = m_rows.at(row).previousIndex >= 0 && m_rows.at(row).previousIndex == m_event.sessionIndex();
    item->setToolTip(onStage ? tr("On stage now") : QString());
    QFont font = item->font();
    font.setBold(onStage);
    item->setFont(font);
}

void EventEditor::selectSession(int row)
{
    m_loading = true;
    m_sessionList->setCurrentRow(row);
    m_loading = false;
    showRow(row);
}

void EventEditor::showRow(int row)
{
    m_currentRow = row >= 0 && row < m_rows.size() ? row : -1;
    const Row *shown = current();
    m_sessionFields->setEnabled(shown != nullptr);
    m_removeButton->setEnabled(shown && m_rows.size() > 1);
    m_upButton->setEnabled(shown && m_currentRow > 0);
    m_downButton->setEnabled(shown && m_currentRow < m_rows.size() - 1);

    m_loading = true;
    const Session session = shown ? shown->session : Session();
    m_title->setText(session.title);
    m_speaker->setText(session.speaker);
    m_deck->setText(QDir::toNativeSeparators(session.deckPath));
    m_deckDownload->setChecked(session.deckDownload);
    m_talkMinutes->setValue(wholeMinutes(session.timing.talkTime));
    m_qaMinutes->setValue(wholeMinutes(session.timing.qaTime));
    m_materials->setRowCount(0);
    if (shown) {
        for (const MaterialText &material : shown->materials) {
            const int tableRow = m_materials->rowCount();
            m_materials->insertRow(tableRow);
            m_materials->setItem(tableRow, 0, new QTableWidgetItem(material.label));
            m_materials->setItem(tableRow, 1, new QTableWidgetItem(material.url));
        }
    }
    const int polls = int(session.polls.size());
    m_polls->setText(polls == 0 ? tr("None in the plan. Polls are added from the console's Poll tab.")
                                : tr("Polls in the plan: %n, kept with this session as they are.", nullptr, polls));
    m_loading = false;
    refreshDeckMessage();
    refreshMaterialsMessage();
}

void EventEditor::addSession()
{
    Row row;
    row.id = m_nextRowId++;
    m_rows.append(row);
    m_loading = true;
    m_sessionList->addItem(QString());
    m_loading = false;
    refreshListItem(int(m_rows.size()) - 1);
    selectSession(int(m_rows.size()) - 1);
    m_title->setFocus(Qt::OtherFocusReason);
}

Result<> EventEditor::removeSession(int row)
{
    if (row < 0 || row >= m_rows.size())
        return fail(tr("Select the session to remove."));
    if (m_rows.size() == 1)
        return fail(tr("An event needs at least one session."));
    const Row &removed = m_rows.at(row);
    if (removed.previousIndex >= 0) {
        if (removed.previousIndex == m_event.sessionIndex())
            return fail(
                tr("%1 is on stage and cannot be removed. Put another session on stage first.").arg(sessionName(row)));
        if (const QString summary = m_event.recordedSummary(removed.previousIndex); !summary.isEmpty())
            return fail(tr("%1 cannot be removed: %2 (kept in the event's record).").arg(sessionName(row), summary));
    }
    m_rows.removeAt(row);
    m_loading = true;
    delete m_sessionList->takeItem(row);
    m_loading = false;
    for (int index = row; index < int(m_rows.size()); ++index)
        refreshListItem(index);
    showError({});
    selectSession(std::min(row, int(m_rows.size()) - 1));
    return {};
}

void EventEditor::moveSession(int row, int delta)
{
    const int target = row + delta;
    if (row < 0 || row >= m_rows.size() || target < 0 || target >= m_rows.size())
        return;
    m_rows.swapItemsAt(row, target);
    refreshListItem(row);
    refreshListItem(target);
    selectSession(target);
}

void EventEditor::setDeck(const QString &path)
{
    Row *row = current();
    if (!row)
        return;
    row->session.deckPath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    m_deck->setText(QDir::toNativeSeparators(row->session.deckPath));
    checkDeck(m_currentRow);
}

void EventEditor::checkDeck(int rowIndex)
{
    Row &row = m_rows[rowIndex];
    const int check = ++row.deckCheck;
    if (row.session.deckPath.isEmpty()) {
        row.deckState = DeckState::None;
        row.deckMessage.clear();
        refreshDeckMessage();
        return;
    }
    row.deckState = DeckState::Checking;
    row.deckMessage = tr("Checking the deck…");
    refreshDeckMessage();

    using Opened = tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError>;
    auto *watcher = new QFutureWatcher<Opened>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id = row.id, check] {
        watcher->deleteLater();
        const int index = rowWithId(id);
        if (index < 0 || m_rows.at(index).deckCheck != check)
            return; // removed, or another deck was picked since
        Row &checked = m_rows[index];
        const Opened opened = watcher->result();
        if (opened) {
            const std::shared_ptr<const SlideDeck> &deck = *opened;
            checked.deckState = DeckState::Opens;
            checked.deckMessage = tr("The deck opens. Slides: %n", nullptr, deck->slideCount());
            if (checked.session.title.isEmpty()) {
                checked.session.title = deck->title().trimmed().isEmpty()
                                            ? QFileInfo(checked.session.deckPath).completeBaseName()
                                            : deck->title().trimmed().left(EventFile::kMaxTextLength);
                refreshListItem(index);
                if (index == m_currentRow) {
                    const bool loading = std::exchange(m_loading, true);
                    m_title->setText(checked.session.title);
                    m_loading = loading;
                }
            }
        } else if (opened.error().kind == DeckOpenError::Kind::NeedsPassword ||
                   opened.error().kind == DeckOpenError::Kind::WrongPassword) {
            checked.deckState = DeckState::Opens;
            checked.deckMessage = tr("Protected by a password: Lectern asks for it when the session goes on stage.");
        } else {
            checked.deckState = DeckState::Fails;
            checked.deckMessage = opened.error().message;
        }
        refreshDeckMessage();
        Q_EMIT deckChecked();
    });
    watcher->setFuture(SlideDeck::openInBackground(row.session.deckPath));
}

bool EventEditor::isCheckingDecks() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
                       [](const Row &row) { return row.deckState == DeckState::Checking; });
}

void EventEditor::refreshDeckMessage()
{
    const Row *row = m_currentRow >= 0 && m_currentRow < m_rows.size() ? &m_rows.at(m_currentRow) : nullptr;
    const QString message = row ? row->deckMessage : QString();
    m_deckMessage->setText(message);
    m_deckMessage->setVisible(!message.isEmpty());
    const QString state = !row                                 ? u"none"_s
                          : row->deckState == DeckState::Fails ? u"fails"_s
                          : row->deckState == DeckState::Opens ? u"opens"_s
                                                               : u"none"_s;
    if (m_deckMessage->property("deckState").toString() != state) {
        m_deckMessage->setProperty("deckState", state);
        m_deckMessage->style()->unpolish(m_deckMessage);
        m_deckMessage->style()->polish(m_deckMessage);
    }
}

QString EventEditor::deckMessage() const
{
    return m_deckMessage->isHidden() ? QString() : m_deckMessage->text();
}

void EventEditor::readMaterialsTable()
{
    Row *row = current();
    if (!row)
        return;
    row->materials.clear();
    for (int tableRow = 0; tableRow < m_materials->rowCount(); ++tableRow) {
        const QTableWidgetItem *label = m_materials->item(tableRow, 0);
        const QTableWidgetItem *url = m_materials->item(tableRow, 1);
        row->materials.append({label ? label->text().trimmed() : QString(), url ? url->text().trimmed() : QString()});
    }
    refreshMaterialsMessage();
}

std::optional<QString> EventEditor::materialProblem(const MaterialText &material)
{
    if (material.label.size() > kMaxMaterialLabelLength)
        return tr("The label “%1” is longer than %2 characters.")
            .arg(material.label.left(40))
            .arg(kMaxMaterialLabelLength);
    if (material.url.isEmpty())
        return tr("The link “%1” has no address.").arg(material.label);
    if (material.url.size() > kMaxMaterialUrlLength)
        return tr("An address is longer than %1 characters.").arg(kMaxMaterialUrlLength);
    const QUrl url(material.url, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return tr("“%1” is not an http or https address: only web links can be listed.").arg(material.url.left(80));
    if (!url.isValid() || url.host().isEmpty())
        return tr("“%1” is not a complete web address.").arg(material.url.left(80));
    return std::nullopt;
}

void EventEditor::refreshMaterialsMessage()
{
    QString message;
    if (const Row *row = current()) {
        if (row->materials.size() >= kMaxMaterials)
            message = tr("A session lists at most %1 links.").arg(kMaxMaterials);
        for (const MaterialText &material : row->materials) {
            if (material.label.isEmpty() && material.url.isEmpty())
                continue; // an empty row is left out
            if (const std::optional<QString> problem = materialProblem(material)) {
                message = *problem;
                break;
            }
        }
    }
    m_materialsMessage->setText(message);
    m_materialsMessage->setVisible(!message.isEmpty());
}

QString EventEditor::materialsMessage() const
{
    return m_materialsMessage->isHidden() ? QString() : m_materialsMessage->text();
}

Event EventEditor::editedPlan() const
{
    Event plan = m_event.plan();
    plan.title = m_eventTitle->text().trimmed();
    plan.date = m_dateSet->isChecked() ? m_date->date() : QDate();
    plan.startTime = m_startSet->isChecked() ? std::optional<QTime>(m_start->time()) : std::nullopt;
    plan.venue = m_venue->text().trimmed();
    plan.sessions.clear();
    for (const Row &row : m_rows) {
        Session session = row.session;
        session.materials.clear();
        for (const MaterialText &material : row.materials) {
            if (!material.label.isEmpty() || !material.url.isEmpty())
                session.materials.append({material.label, QUrl(material.url, QUrl::StrictMode)});
        }
        plan.sessions.append(session);
    }
    return plan;
}

QList<int> EventEditor::previousIndexOf() const
{
    QList<int> previous;
    previous.reserve(m_rows.size());
    for (const Row &row : m_rows)
        previous.append(row.previousIndex);
    return previous;
}

std::optional<std::pair<int, QString>> EventEditor::firstProblem() const
{
    if (m_rows.isEmpty())
        return std::pair(-1, tr("An event needs at least one session."));
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const Row &checked = m_rows.at(row);
        if (checked.deckState == DeckState::Checking)
            return std::pair(
                row, tr("The deck of %1 is still being checked; save again in a moment.").arg(sessionName(row)));
        if (checked.deckState == DeckState::Fails)
            return std::pair(row, tr("The deck of %1 does not open: %2").arg(sessionName(row), checked.deckMessage));
        int listed = 0;
        for (const MaterialText &material : checked.materials) {
            if (material.label.isEmpty() && material.url.isEmpty())
                continue;
            if (++listed > kMaxMaterials)
                return std::pair(row, tr("%1 lists more than %2 links.").arg(sessionName(row)).arg(kMaxMaterials));
            if (const std::optional<QString> problem = materialProblem(material))
                return std::pair(row, tr("Materials of %1: %2").arg(sessionName(row), *problem));
        }
    }
    return std::nullopt;
}

void EventEditor::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString EventEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString EventEditor::suggestedEventFilePath() const
{
    const QString source = m_event.planSourcePath();
    if (!source.isEmpty())
        return EventFile::sidecarPath(source);
    for (const Row &row : m_rows) {
        if (!row.session.deckPath.isEmpty())
            return EventFile::sidecarPath(row.session.deckPath);
    }
    return QDir::home().filePath(u"event"_s + kEventFileSuffix);
}

Result<> EventEditor::writeEventFile(const Event &plan)
{
    QString path = m_eventFilePath;
    if (path.isEmpty()) {
        path = m_chooseEventFile ? m_chooseEventFile(this, suggestedEventFilePath()) : QString();
        if (path.isEmpty())
            return fail(tr("The changes are in use for this event, but no event file was written. Save again to "
                           "choose one."));
    }
    const QString baseDirectory = QFileInfo(path).absolutePath();
    const QByteArray json = EventFile::serialize(plan, baseDirectory);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return fail(tr("The changes are in use for this event, but %1 was not written: %2")
                        .arg(QDir::toNativeSeparators(path), file.errorString()));
    m_eventFilePath = path;
    Q_EMIT eventFileSaved(path);
    return {};
}

Result<> EventEditor::save()
{
    readMaterialsTable();
    if (const auto problem = firstProblem()) {
        if (problem->first >= 0 && problem->first != m_currentRow)
            selectSession(problem->first);
        return fail(problem->second);
    }
    const Event plan = editedPlan();
    // The event file's own rules (lengths, timing) say the last word, before anything changes.
    const QString checkDirectory = m_eventFilePath.isEmpty() ? QFileInfo(suggestedEventFilePath()).absolutePath()
                                                             : QFileInfo(m_eventFilePath).absolutePath();
    if (const Result<Event> reread = EventFile::parse(EventFile::serialize(plan, checkDirectory), checkDirectory);
        !reread)
        return fail(tr("The event cannot be saved: %1").arg(reread.error()));

    if (const Result<> replaced = m_event.replacePlan(plan, previousIndexOf()); !replaced)
        return fail(replaced.error());
    // The record now follows the new order: a later save starts from it.
    for (int row = 0; row < int(m_rows.size()); ++row)
        m_rows[row].previousIndex = row;
    Q_EMIT planReplaced();
    return writeEventFile(plan);
}

void EventEditor::accept()
{
    if (const Result<> saved = save(); !saved) {
        showError(saved.error());
        return;
    }
    showError({});
    QDialog::accept();
}

} // namespace Lectern
