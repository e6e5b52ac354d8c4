<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>Lectern::Agenda</name>
    <message>
        <source>on time</source>
        <translation>予定どおり</translation>
    </message>
    <message numerus="yes">
        <source>+%n min</source>
        <comment>the event runs this many minutes behind its plan</comment>
        <translation>
            <numerusform>+%n 分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>−%n min</source>
        <comment>the event runs this many minutes ahead of its plan (U+2212 minus sign)</comment>
        <translation>
            <numerusform>−%n 分</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Lectern::AgendaModel</name>
    <message>
        <source>–%1</source>
        <translation>～%1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1～%2</translation>
    </message>
    <message>
        <source>%1–now</source>
        <translation>%1～現在</translation>
    </message>
    <message>
        <source>%1–</source>
        <translation>%1～</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>On stage now</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>Double-click or press Enter to put this session on stage</source>
        <translation>ダブルクリックまたは Enter でこのセッションに切り替えます</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>実績</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>%1 まで</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>%1 から %2 まで</translation>
    </message>
    <message>
        <source>from %1, running now</source>
        <translation>%1 から、進行中</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <source>no planned time</source>
        <translation>予定時刻なし</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未開始</translation>
    </message>
</context>
<context>
    <name>Lectern::AgendaPanel</name>
    <message>
        <source>Double-click a session to put it on stage.</source>
        <translation>セッションをダブルクリックすると、そのセッションに切り替わります。</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>予定どおり</translation>
    </message>
    <message>
        <source>Not started yet</source>
        <translation>未開始</translation>
    </message>
    <message numerus="yes">
        <source>Runs %n min behind</source>
        <translation>
            <numerusform>予定より %n 分遅れ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs %n min ahead</source>
        <translation>
            <numerusform>予定より %n 分早め</numerusform>
        </translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>タイムテーブル</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション一覧</translation>
    </message>
    <message>
        <source>The event&apos;s sessions with planned and actual times; Enter puts the chosen one on stage</source>
        <translation>イベントのセッションと予定・実績の時刻。Enter で選んだセッションに切り替えます</translation>
    </message>
</context>
<context>
    <name>Lectern::AudienceServer</name>
    <message>
        <source>Port %1 on %2 is in use by another program; choose another with --listen.</source>
        <translation>%2 のポート %1 は別のプログラムが使用しています。--listen で別のポートを指定してください。</translation>
    </message>
    <message>
        <source>Cannot listen on port %1 of %2: %3</source>
        <translation>%2 のポート %1 で待ち受けできません: %3</translation>
    </message>
    <message>
        <source>Ports %1 to %2 on %3 are all in use; choose a port with --listen.</source>
        <translation>%3 のポート %1～%2 はすべて使用中です。--listen でポートを指定してください。</translation>
    </message>
</context>
<context>
    <name>Lectern::CommandLine</name>
    <message>
        <source>Lectern: a presenter console and projector for PDF talks, with a session timer.</source>
        <translation>Lectern: PDF で講演するための発表者コンソールとプロジェクター表示（セッションタイマー付き）。</translation>
    </message>
    <message>
        <source>Present the built-in demo deck (a Robust Python evening).</source>
        <translation>組み込みのデモ用スライド資料（Robust Python の夕べ）で発表します。</translation>
    </message>
    <message>
        <source>Talk time, e.g. 15m, 90s, 1h30m or 20 (minutes). Beats the .pdfpc.</source>
        <translation>講演時間。例: 15m、90s、1h30m、20（分）。.pdfpc の指定より優先されます。</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Q&amp;A time after the talk, e.g. 5m.</source>
        <translation>講演後の質疑応答の時間。例: 5m。</translation>
    </message>
    <message>
        <source>Warn this long before the end of the talk, e.g. 3m.</source>
        <translation>講演終了のこの時間前に警告します。例: 3m。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>このヘルプを表示して終了します。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>バージョンを表示して終了します。</translation>
    </message>
    <message>
        <source>Give one deck, not %1.</source>
        <translation>スライド資料は 1 つだけ指定してください（%1 個指定されています）。</translation>
    </message>
    <message>
        <source>Give either a deck or --demo, not both.</source>
        <translation>スライド資料か --demo のどちらか一方だけを指定してください。</translation>
    </message>
    <message>
        <source>lectern: no display found (DISPLAY and WAYLAND_DISPLAY are not set, or DISPLAY cannot be reached). Lectern needs a screen; on a machine without one, run it under a virtual display: xvfb-run -a -s &quot;-screen 0 2560x1080x24&quot; lectern --demo</source>
        <translation>lectern: ディスプレイが見つかりません（DISPLAY と WAYLAND_DISPLAY が設定されていないか、DISPLAY に接続できません）。Lectern には画面が必要です。画面のないマシンでは、仮想ディスプレイ上で実行してください: xvfb-run -a -s &quot;-screen 0 2560x1080x24&quot; lectern --demo</translation>
    </message>
    <message>
        <source>The event database (votes, room code, phones) to use instead of the default one beside Lectern&apos;s data; with --demo, instead of a fresh one.</source>
        <translation>使用するイベントデータベース（票、ルームコード、端末）。Lectern のデータと同じ場所にある既定のデータベースの代わりに使います。--demo と併用した場合は、新しく作成する代わりに使います。</translation>
    </message>
    <message>
        <source>path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Start the audience server for phones at launch.</source>
        <translation>起動時に、スマートフォン向けの参加者用サーバーを開始します。</translation>
    </message>
    <message>
        <source>Start the audience server on this IPv4 address and port, e.g. 0.0.0.0:8080; a port already taken is an error.</source>
        <translation>この IPv4 アドレスとポートで参加者用サーバーを開始します。例: 0.0.0.0:8080。ポートが使用中の場合はエラーになります。</translation>
    </message>
    <message>
        <source>address:port</source>
        <translation>アドレス:ポート</translation>
    </message>
    <message>
        <source>--listen: &quot;%1&quot; is not an IPv4 address and port such as 0.0.0.0:8080 or 192.168.1.20:8080</source>
        <translation>--listen: &quot;%1&quot; は 0.0.0.0:8080 や 192.168.1.20:8080 のような IPv4 アドレスとポートではありません</translation>
    </message>
    <message>
        <source>--listen: the port %1 is not from 1 to 65535</source>
        <translation>--listen: ポート %1 が 1～65535 の範囲外です</translation>
    </message>
    <message>
        <source>--db: give the path of the event database, e.g. --db evening.sqlite</source>
        <translation>--db: イベントデータベースのパスを指定してください。例: --db evening.sqlite</translation>
    </message>
    <message>
        <source>The PDF deck or the event file (*.lectern.json) to present. &quot;lectern export --help&quot; tells how to export results.</source>
        <translation>発表する PDF スライド資料またはイベントファイル（*.lectern.json）。結果のエクスポート方法は &quot;lectern export --help&quot; で確認できます。</translation>
    </message>
    <message>
        <source>Exports an event&apos;s polls and questions: CSV, JSON, a PDF report or a handout (the deck with the results).</source>
        <translation>イベントの投票と質問を CSV、JSON、PDF レポート、配布資料（結果入りのスライド資料）のいずれかでエクスポートします。</translation>
    </message>
    <message>
        <source>The export command.</source>
        <translation>エクスポートコマンド。</translation>
    </message>
    <message>
        <source>The event file (*.lectern.json), the deck, or the event database.</source>
        <translation>イベントファイル（*.lectern.json）、スライド資料、またはイベントデータベース。</translation>
    </message>
    <message>
        <source>csv, json, pdf (the report) or handout.</source>
        <translation>csv、json、pdf（レポート）、handout（配布資料）のいずれか。</translation>
    </message>
    <message>
        <source>The file to write.</source>
        <translation>書き出すファイル。</translation>
    </message>
    <message>
        <source>Only this session (1 for the first).</source>
        <translation>このセッションだけを対象にします（最初のセッションが 1）。</translation>
    </message>
    <message>
        <source>Leave the askers&apos; display names out.</source>
        <translation>質問者の表示名を含めません。</translation>
    </message>
    <message>
        <source>The event database, when not the event file&apos;s default one.</source>
        <translation>イベントデータベース（イベントファイルの既定のデータベース以外を使う場合）。</translation>
    </message>
    <message>
        <source>export: give one event file or database, e.g. lectern export evening.lectern.json --format pdf --output report.pdf</source>
        <translation>export: イベントファイルまたはデータベースを 1 つ指定してください。例: lectern export evening.lectern.json --format pdf --output report.pdf</translation>
    </message>
    <message>
        <source>export: --format is missing (csv, json, pdf or handout)</source>
        <translation>export: --format がありません（csv、json、pdf、handout のいずれか）</translation>
    </message>
    <message>
        <source>export: --output is missing (the file to write)</source>
        <translation>export: --output がありません（書き出すファイルを指定してください）</translation>
    </message>
    <message>
        <source>export: --session takes a session number from 1, not &quot;%1&quot;</source>
        <translation>export: --session には 1 以上のセッション番号を指定してください（&quot;%1&quot; は指定できません）</translation>
    </message>
    <message>
        <source>No deck given: run &quot;lectern deck.pdf&quot; or &quot;lectern evening.lectern.json&quot;, or &quot;lectern --demo&quot; for the demo.</source>
        <translation>スライド資料が指定されていません: &quot;lectern deck.pdf&quot; または &quot;lectern evening.lectern.json&quot; のように実行してください。デモは &quot;lectern --demo&quot; で実行できます。</translation>
    </message>
    <message>
        <source>Put the settings (times, port, language, screen, keys, audience limits) back to the defaults and say what was removed; alone, exit after that.</source>
        <translation>設定（時間、ポート、言語、画面、キー、参加者の制限）を既定値に戻し、削除した項目を表示します。このオプションだけを指定した場合は、その後終了します。</translation>
    </message>
    <message>
        <source>--%1 needs a deck or --demo to present; --reset-settings alone only resets.</source>
        <translation>--%1 には発表するスライド資料か --demo が必要です。--reset-settings だけを指定した場合は、設定をリセットするだけです。</translation>
    </message>
</context>
<context>
    <name>Lectern::Database</name>
    <message>
        <source>Qt&apos;s SQLite driver is missing, so the event database cannot be opened (install the package libqt6sql6-sqlite).</source>
        <translation>Qt の SQLite ドライバーがないため、イベントデータベースを開けません（パッケージ libqt6sql6-sqlite をインストールしてください）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the event database.</source>
        <translation>イベントデータベースのフォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>Cannot open the event database %1: %2</source>
        <translation>イベントデータベース %1 を開けません: %2</translation>
    </message>
    <message>
        <source>The database did not report its schema version.</source>
        <translation>データベースからスキーマバージョンを取得できませんでした。</translation>
    </message>
    <message>
        <source>it was written by a newer Lectern (schema version %1; this version knows up to %2)</source>
        <translation>新しいバージョンの Lectern で書き込まれています（スキーマバージョン %1。このバージョンが対応しているのは %2 までです）</translation>
    </message>
    <message>
        <source>the upgrade to schema version %1 (%2) failed: %3</source>
        <translation>スキーマバージョン %1（%2）へのアップグレードに失敗しました: %3</translation>
    </message>
    <message>
        <source>unknown database error</source>
        <translation>不明なデータベースエラー</translation>
    </message>
    <message>
        <source>The event database is not open.</source>
        <translation>イベントデータベースが開かれていません。</translation>
    </message>
    <message>
        <source>the changes could not be committed: %1</source>
        <translation>変更をコミットできませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::DeckOpener</name>
    <message>
        <source>Password needed</source>
        <translation>パスワードが必要です</translation>
    </message>
    <message>
        <source>“%1” is protected by a password. Password:</source>
        <translation>「%1」はパスワードで保護されています。パスワード:</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>パスワードが違います。</translation>
    </message>
    <message>
        <source>%1 was not opened: it needs a password.</source>
        <translation>%1 を開きませんでした: パスワードが必要です。</translation>
    </message>
    <message>
        <source>%1 was not opened: Lectern is quitting.</source>
        <translation>%1 を開きませんでした: Lectern を終了しています。</translation>
    </message>
</context>
<context>
    <name>Lectern::DemoDeck</name>
    <message>
        <source>The demo content %1 is not valid JSON: %2</source>
        <translation>デモ用コンテンツ %1 は有効な JSON ではありません: %2</translation>
    </message>
    <message>
        <source>Cannot write the demo deck to %1: %2</source>
        <translation>デモ用スライド資料を %1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Cannot draw the demo deck into %1.</source>
        <translation>デモ用スライド資料を %1 に描画できません。</translation>
    </message>
    <message>
        <source>Cannot add page %1 to the demo deck %2.</source>
        <translation>デモ用スライド資料 %2 にページ %1 を追加できません。</translation>
    </message>
    <message>
        <source>Cannot finish the demo deck %1.</source>
        <translation>デモ用スライド資料 %1 の作成を完了できません。</translation>
    </message>
    <message>
        <source>The demo event %1 does not read: %2</source>
        <translation>デモ用イベント %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>The demo file %1 is missing from this build.</source>
        <translation>このビルドにはデモ用ファイル %1 が含まれていません。</translation>
    </message>
    <message>
        <source>Cannot write the demo file %1: %2</source>
        <translation>デモ用ファイル %1 を書き込めません: %2</translation>
    </message>
    <message>
        <source>The demo content shows the poll &quot;%1&quot; in the deck of &quot;%2&quot;, which has no such poll.</source>
        <translation>デモ用コンテンツでは &quot;%2&quot; のスライド資料に投票 &quot;%1&quot; を表示しますが、このセッションにその投票はありません。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the demo.</source>
        <translation>デモ用のフォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>The demo content has %1 decks for the %2 sessions of the demo event.</source>
        <translation>デモ用コンテンツのスライド資料は %1 個ですが、デモ用イベントのセッションは %2 個です。</translation>
    </message>
</context>
<context>
    <name>Lectern::DeviceStore</name>
    <message>
        <source>Cannot register the device: %1</source>
        <translation>端末を登録できません: %1</translation>
    </message>
    <message>
        <source>Cannot look up the device: %1</source>
        <translation>端末を照会できません: %1</translation>
    </message>
    <message>
        <source>Cannot count the devices: %1</source>
        <translation>端末数を取得できません: %1</translation>
    </message>
    <message>
        <source>Cannot read the devices: %1</source>
        <translation>端末の情報を読み込めません: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::EventEditor</name>
    <message>
        <source>Edit event</source>
        <translation>イベントを編集</translation>
    </message>
    <message>
        <source>Robust Python evening</source>
        <translation>Robust Python の夕べ</translation>
    </message>
    <message>
        <source>Event &amp;title</source>
        <translation>イベント名(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日付(&amp;D)</translation>
    </message>
    <message>
        <source>Be&amp;gins at</source>
        <translation>開始時刻(&amp;G)</translation>
    </message>
    <message>
        <source>The first session begins then; the others follow back to back.</source>
        <translation>最初のセッションがこの時刻に始まり、以降のセッションは間を空けずに続きます。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Hackspace, room 2</source>
        <translation>ハックスペース 2 号室</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>会場(&amp;V)</translation>
    </message>
    <message>
        <source>Sessions, in order</source>
        <translation>セッション（進行順）</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>上へ(&amp;U)</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>下へ(&amp;W)</translation>
    </message>
    <message>
        <source>Titl&amp;e</source>
        <translation>タイトル(&amp;E)</translation>
    </message>
    <message>
        <source>S&amp;peaker</source>
        <translation>講演者(&amp;P)</translation>
    </message>
    <message>
        <source>No deck</source>
        <translation>スライド資料なし</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>選択(&amp;H)…</translation>
    </message>
    <message>
        <source>De&amp;ck</source>
        <translation>スライド資料(&amp;C)</translation>
    </message>
    <message>
        <source>Phones may download this deck</source>
        <translation>スマートフォンからこのスライド資料をダウンロード可能にする</translation>
    </message>
    <message>
        <source>Attendees can save the deck&apos;s PDF from the phone page, served from this laptop.</source>
        <translation>参加者はスマートフォンのページからこのスライド資料の PDF を保存できます（このノート PC から配信されます）。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>&amp;Q&amp;&amp;A</source>
        <translation>質疑応答(&amp;Q)</translation>
    </message>
    <message>
        <source>Ta&amp;lk</source>
        <translation>講演(&amp;L)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Address (http or https)</source>
        <translation>アドレス（http または https）</translation>
    </message>
    <message>
        <source>Add lin&amp;k</source>
        <translation>リンクを追加(&amp;K)</translation>
    </message>
    <message>
        <source>Remove l&amp;ink</source>
        <translation>リンクを削除(&amp;I)</translation>
    </message>
    <message>
        <source>Slides</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>&amp;Materials</source>
        <translation>資料(&amp;M)</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Choose the session&apos;s deck</source>
        <translation>セッションのスライド資料を選択</translation>
    </message>
    <message>
        <source>PDF decks (*.pdf *.PDF)</source>
        <translation>PDF スライド資料 (*.pdf *.PDF)</translation>
    </message>
    <message>
        <source>Save the event file</source>
        <translation>イベントファイルを保存</translation>
    </message>
    <message>
        <source>Lectern event files (*.lectern.json)</source>
        <translation>Lectern イベントファイル (*.lectern.json)</translation>
    </message>
    <message>
        <source>session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（無題）</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>On stage now</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>None in the plan. Polls are added from the console&apos;s Poll tab.</source>
        <translation>予定されている投票はありません。投票は発表者コンソールの「投票」タブから追加します。</translation>
    </message>
    <message numerus="yes">
        <source>Polls in the plan: %n, kept with this session as they are.</source>
        <translation>
            <numerusform>予定されている投票: %n 件（このセッションにそのまま残ります）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the session to remove.</source>
        <translation>削除するセッションを選択してください。</translation>
    </message>
    <message>
        <source>An event needs at least one session.</source>
        <translation>イベントには少なくとも 1 つのセッションが必要です。</translation>
    </message>
    <message>
        <source>%1 is on stage and cannot be removed. Put another session on stage first.</source>
        <translation>%1 は進行中のため削除できません。先に別のセッションに切り替えてください。</translation>
    </message>
    <message>
        <source>%1 cannot be removed: %2 (kept in the event&apos;s record).</source>
        <translation>%1 は削除できません: %2（イベントの記録に残っています）。</translation>
    </message>
    <message>
        <source>Checking the deck…</source>
        <translation>スライド資料を確認しています…</translation>
    </message>
    <message numerus="yes">
        <source>The deck opens. Slides: %n</source>
        <translation>
            <numerusform>スライド資料を開けます。スライド数: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Protected by a password: Lectern asks for it when the session goes on stage.</source>
        <translation>パスワードで保護されています。このセッションに切り替えるときに Lectern がパスワードを尋ねます。</translation>
    </message>
    <message>
        <source>The label “%1” is longer than %2 characters.</source>
        <translation>ラベル「%1」が %2 文字を超えています。</translation>
    </message>
    <message>
        <source>The link “%1” has no address.</source>
        <translation>リンク「%1」にアドレスがありません。</translation>
    </message>
    <message>
        <source>An address is longer than %1 characters.</source>
        <translation>%1 文字を超えるアドレスがあります。</translation>
    </message>
    <message>
        <source>“%1” is not an http or https address: only web links can be listed.</source>
        <translation>「%1」は http または https のアドレスではありません。載せられるのはウェブのリンクだけです。</translation>
    </message>
    <message>
        <source>“%1” is not a complete web address.</source>
        <translation>「%1」は完全なウェブアドレスではありません。</translation>
    </message>
    <message>
        <source>A session lists at most %1 links.</source>
        <translation>1 つのセッションに載せられるリンクは %1 件までです。</translation>
    </message>
    <message>
        <source>The deck of %1 is still being checked; save again in a moment.</source>
        <translation>%1 のスライド資料を確認中です。しばらくしてからもう一度保存してください。</translation>
    </message>
    <message>
        <source>The deck of %1 does not open: %2</source>
        <translation>%1 のスライド資料を開けません: %2</translation>
    </message>
    <message>
        <source>%1 lists more than %2 links.</source>
        <translation>%1 のリンクが %2 件を超えています。</translation>
    </message>
    <message>
        <source>Materials of %1: %2</source>
        <translation>%1 の資料: %2</translation>
    </message>
    <message>
        <source>The changes are in use for this event, but no event file was written. Save again to choose one.</source>
        <translation>変更はこのイベントに反映されましたが、イベントファイルは書き込まれていません。もう一度保存してファイルを選んでください。</translation>
    </message>
    <message>
        <source>The changes are in use for this event, but %1 was not written: %2</source>
        <translation>変更はこのイベントに反映されましたが、%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>The event cannot be saved: %1</source>
        <translation>イベントを保存できません: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::EventExport</name>
    <message>
        <source>Unknown export format &quot;%1&quot;: use csv, json, pdf or handout.</source>
        <translation>不明なエクスポート形式 &quot;%1&quot; です。csv、json、pdf、handout のいずれかを指定してください。</translation>
    </message>
    <message numerus="yes">
        <source>The event has no session %1 (it has %n session(s)).</source>
        <translation>
            <numerusform>イベントにセッション %1 はありません（セッションは %n 個です）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The PDF exports need Qt&apos;s graphical part for their fonts (a QGuiApplication); run with QT_QPA_PLATFORM=offscreen where there is no display.</source>
        <translation>PDF のエクスポートでは、フォントを扱うために Qt のグラフィカル部分（QGuiApplication）が必要です。ディスプレイのない環境では QT_QPA_PLATFORM=offscreen を付けて実行してください。</translation>
    </message>
    <message>
        <source>There is no event database at %1.</source>
        <translation>%1 にイベントデータベースがありません。</translation>
    </message>
</context>
<context>
    <name>Lectern::EventFile</name>
    <message>
        <source>true or false</source>
        <translation>真偽値（true または false）</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>値なし</translation>
    </message>
    <message>
        <source>%1: expected %2, found %3</source>
        <translation>%1: %2が必要ですが、%3になっています</translation>
    </message>
    <message>
        <source>%1: the text is %2 characters long; at most %3 are allowed</source>
        <translation>%1: テキストが %2 文字あります。最大 %3 文字までです</translation>
    </message>
    <message>
        <source>a number of minutes</source>
        <translation>分単位の数値</translation>
    </message>
    <message>
        <source>%1: minutes cannot be negative (%2)</source>
        <translation>%1: 分数を負の値にすることはできません（%2）</translation>
    </message>
    <message>
        <source>%1: a talk needs more than 0 minutes</source>
        <translation>%1: 講演時間は 0 分より長くしてください</translation>
    </message>
    <message>
        <source>%1: %2 minutes is more than a day</source>
        <translation>%1: %2 分は 1 日を超えています</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>%1 のいずれか</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not known; use one of %3</source>
        <translation>%1: &quot;%2&quot; は不明な値です。%3 のいずれかを指定してください</translation>
    </message>
    <message>
        <source>text or an object with &quot;id&quot; and &quot;label&quot;</source>
        <translation>テキスト、または &quot;id&quot; と &quot;label&quot; を持つオブジェクト</translation>
    </message>
    <message>
        <source>%1: the poll has no &quot;id&quot;; give it one such as &quot;uses-uv&quot;</source>
        <translation>%1: 投票に &quot;id&quot; がありません。&quot;uses-uv&quot; のような ID を付けてください</translation>
    </message>
    <message>
        <source>%1: the poll has no &quot;question&quot;</source>
        <translation>%1: 投票に &quot;question&quot; がありません</translation>
    </message>
    <message>
        <source>%1: the poll has no &quot;kind&quot;; use one of &quot;single&quot;, &quot;multiple&quot;, &quot;rating&quot;, &quot;wordcloud&quot;, &quot;open&quot;</source>
        <translation>%1: 投票に &quot;kind&quot; がありません。&quot;single&quot;, &quot;multiple&quot;, &quot;rating&quot;, &quot;wordcloud&quot;, &quot;open&quot; のいずれかを指定してください</translation>
    </message>
    <message>
        <source>%1: expected a whole number from 1 to the number of options</source>
        <translation>%1: 1 から選択肢の数までの整数を指定してください</translation>
    </message>
    <message>
        <source>an object with &quot;low&quot; and &quot;high&quot;</source>
        <translation>&quot;low&quot; と &quot;high&quot; を持つオブジェクト</translation>
    </message>
    <message>
        <source>a date written YYYY-MM-DD</source>
        <translation>YYYY-MM-DD 形式の日付</translation>
    </message>
    <message>
        <source>date: &quot;%1&quot; is not a date written YYYY-MM-DD, such as 2026-11-24</source>
        <translation>date: &quot;%1&quot; は YYYY-MM-DD 形式（例: 2026-11-24）の日付ではありません</translation>
    </message>
    <message>
        <source>this is not a Lectern event file: it has no &quot;%1&quot; field</source>
        <translation>Lectern のイベントファイルではありません: &quot;%1&quot; フィールドがありません</translation>
    </message>
    <message>
        <source>%1: expected a whole number such as %2</source>
        <translation>%1: %2 のような整数を指定してください</translation>
    </message>
    <message>
        <source>the file is in event format %1, made by a newer Lectern; this version reads format %2</source>
        <translation>このファイルはイベント形式 %1 で、新しいバージョンの Lectern で作成されています。このバージョンが読み込めるのは形式 %2 です</translation>
    </message>
    <message>
        <source>invalid JSON at line %1, column %2: %3</source>
        <translation>%1 行目 %2 列目の JSON が不正です: %3</translation>
    </message>
    <message>
        <source>this is not a Lectern event file: its JSON is not an object</source>
        <translation>Lectern のイベントファイルではありません: JSON がオブジェクトではありません</translation>
    </message>
    <message>
        <source>%1: the poll id &quot;%2&quot; is already used by %3; poll ids must be unique in the event</source>
        <translation>%1: 投票 ID &quot;%2&quot; は %3 ですでに使われています。投票 ID はイベント内で重複しないようにしてください</translation>
    </message>
    <message>
        <source>%1: a session lists at most %2 materials; this one lists %3</source>
        <translation>%1: 1 つのセッションに載せられる資料は %2 件までです（このセッションは %3 件）</translation>
    </message>
    <message>
        <source>an object with &quot;label&quot; and &quot;url&quot;</source>
        <translation>&quot;label&quot; と &quot;url&quot; を持つオブジェクト</translation>
    </message>
    <message>
        <source>%1: the material has no &quot;url&quot;; give its address, such as &quot;https://example.org/slides&quot;</source>
        <translation>%1: 資料に &quot;url&quot; がありません。&quot;https://example.org/slides&quot; のようにアドレスを書いてください</translation>
    </message>
    <message>
        <source>an http or https address</source>
        <translation>http または https のアドレス</translation>
    </message>
    <message>
        <source>a time written HH:MM</source>
        <translation>HH:MM 形式の時刻</translation>
    </message>
    <message>
        <source>start: &quot;%1&quot; is not a time written HH:MM (24-hour clock), such as 19:00</source>
        <translation>start: &quot;%1&quot; は HH:MM 形式（24 時間制、例: 19:00）の時刻ではありません</translation>
    </message>
    <message>
        <source>the address is empty; give one such as &quot;https://example.org/slides&quot;</source>
        <translation>アドレスが空です。&quot;https://example.org/slides&quot; のように書いてください</translation>
    </message>
    <message>
        <source>the address is %1 characters long; at most %2 are allowed</source>
        <translation>アドレスが %1 文字あります。%2 文字までにしてください</translation>
    </message>
    <message>
        <source>only http and https addresses are allowed (%1)</source>
        <translation>使えるのは http と https のアドレスだけです（%1）</translation>
    </message>
    <message>
        <source>this is not a valid web address (%1)</source>
        <translation>有効なウェブアドレスではありません（%1）</translation>
    </message>
    <message>
        <source>this is not a complete address; write it with https:// or http:// at the start (%1)</source>
        <translation>完全なアドレスではありません。先頭に https:// または http:// を付けてください（%1）</translation>
    </message>
    <message>
        <source>the address has no host name (%1)</source>
        <translation>アドレスにホスト名がありません（%1）</translation>
    </message>
</context>
<context>
    <name>Lectern::EventRecord</name>
    <message>
        <source>The database holds no event: it was never opened with an event or a deck.</source>
        <translation>このデータベースにはイベントがありません: イベントやスライド資料とともに開かれたことがありません。</translation>
    </message>
    <message>
        <source>The event stored in the database cannot be read: %1</source>
        <translation>データベースに保存されたイベントを読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot read the event database: %1</source>
        <translation>イベントデータベースを読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot read the event database %1: %2</source>
        <translation>イベントデータベース %1 を読み込めません: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::EventSetup</name>
    <message>
        <source>Cannot read the event file %1: %2</source>
        <translation>イベントファイル %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>no such file: %1</source>
        <translation>ファイルがありません: %1</translation>
    </message>
    <message>
        <source>not a file: %1</source>
        <translation>ファイルではありません: %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::ExportCommand</name>
    <message>
        <source>%1: no such file</source>
        <translation>%1: ファイルがありません</translation>
    </message>
    <message>
        <source>%1 is an event database already: leave --db out</source>
        <translation>%1 はすでにイベントデータベースです: --db は指定しないでください</translation>
    </message>
    <message>
        <source>%1 has no record yet (no database at %2): present it first, or give its database with --db</source>
        <translation>%1 にはまだ記録がありません（%2 にデータベースがありません）: 先に発表を行うか、--db でデータベースを指定してください</translation>
    </message>
    <message>
        <source>%1 is not an event database</source>
        <translation>%1 はイベントデータベースではありません</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::ExportRunner</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF レポート</translation>
    </message>
    <message>
        <source>handout</source>
        <translation>配布資料</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 ファイル (*.%2)</translation>
    </message>
    <message>
        <source>Export the %1</source>
        <translation>%1 をエクスポート</translation>
    </message>
    <message>
        <source>The %1 cannot be exported: this Lectern keeps no event database.</source>
        <translation>%1 をエクスポートできません: この Lectern はイベントデータベースを使用していません。</translation>
    </message>
    <message>
        <source>the export was cancelled</source>
        <translation>エクスポートはキャンセルされました</translation>
    </message>
    <message>
        <source>The %1 was not exported: %2</source>
        <translation>%1 をエクスポートできませんでした: %2</translation>
    </message>
    <message>
        <source>Exported the %1 to %2</source>
        <translation>%1 を %2 にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>Lectern::GoToOverlay</name>
    <message>
        <source>Slide number</source>
        <translation>スライド番号</translation>
    </message>
    <message>
        <source>Enter goes there, Esc closes</source>
        <translation>Enter で移動、Esc で閉じる</translation>
    </message>
    <message>
        <source>Go to slide (1–%1)</source>
        <translation>スライドへ移動（1–%1）</translation>
    </message>
    <message>
        <source>Type a slide number, then Enter.</source>
        <translation>スライド番号を入力して Enter を押してください。</translation>
    </message>
    <message>
        <source>Go to slide</source>
        <translation>スライドへ移動</translation>
    </message>
    <message>
        <source>Type a slide number; Enter goes there, Esc closes</source>
        <translation>スライド番号を入力。Enter で移動、Esc で閉じる</translation>
    </message>
</context>
<context>
    <name>Lectern::Handout</name>
    <message>
        <source>%1 results</source>
        <translation>%1 の結果</translation>
    </message>
    <message>
        <source>results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>%1 · slide %2</source>
        <translation>%1 · スライド %2</translation>
    </message>
    <message>
        <source>Poll results</source>
        <translation>投票結果</translation>
    </message>
    <message>
        <source>The results pages could not be started.</source>
        <translation>結果ページの作成を開始できませんでした。</translation>
    </message>
    <message>
        <source>The results pages could not be written.</source>
        <translation>結果ページを書き出せませんでした。</translation>
    </message>
    <message>
        <source>the results pages</source>
        <translation>結果ページ</translation>
    </message>
    <message>
        <source>Page %1 of the deck %2 cannot be read.</source>
        <translation>スライド資料 %2 のページ %1 を読み込めません。</translation>
    </message>
    <message>
        <source>The handout could not be assembled: %1</source>
        <translation>配布資料を作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Session %1 (%2): %3</source>
        <translation>セッション %1（%2）: %3</translation>
    </message>
    <message>
        <source>There is nothing to put in the handout: no session exported has a deck or an opened poll.</source>
        <translation>配布資料に載せる内容がありません: エクスポートするセッションに、スライド資料も開始済みの投票もありません。</translation>
    </message>
</context>
<context>
    <name>Lectern::HelpOverlay</name>
    <message>
        <source>Keys</source>
        <translation>キー操作</translation>
    </message>
    <message>
        <source>Esc closes this help</source>
        <translation>Esc でこのヘルプを閉じる</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::JoinCard</name>
    <message>
        <source>Phones cannot join: Lectern was started without the audience server.</source>
        <translation>スマートフォンから参加できません: Lectern は参加者用サーバーなしで起動されています。</translation>
    </message>
    <message>
        <source>Phones cannot join yet: the audience server is off. Turn on “Let phones join” on the console.</source>
        <translation>まだスマートフォンから参加できません: 参加者用サーバーが停止しています。発表者コンソールで「スマートフォンの参加を許可」をオンにしてください。</translation>
    </message>
    <message>
        <source>No network: phones cannot join. Connect this laptop to the venue Wi-Fi or start its own hotspot.</source>
        <translation>ネットワークなし: スマートフォンから参加できません。このノート PC を会場の Wi-Fi に接続するか、ノート PC のホットスポットを起動してください。</translation>
    </message>
    <message>
        <source>The QR code cannot be made: %1</source>
        <translation>QR コードを作成できません: %1</translation>
    </message>
    <message>
        <source>Join on your phone</source>
        <translation>スマートフォンで参加</translation>
    </message>
    <message>
        <source>Join the poll</source>
        <translation>投票に参加</translation>
    </message>
    <message>
        <source>Scan the code, or open:</source>
        <translation>QR コードを読み取るか、次のアドレスを開いてください:</translation>
    </message>
    <message>
        <source>Room code</source>
        <translation>ルームコード</translation>
    </message>
    <message>
        <source>Join card</source>
        <translation>参加カード</translation>
    </message>
    <message>
        <source>Join the poll: scan the code, or open %1; room code %2</source>
        <translation>投票に参加: QR コードを読み取るか、%1 を開いてください。ルームコード %2</translation>
    </message>
</context>
<context>
    <name>Lectern::KeyMap</name>
    <message>
        <source>Next slide or overlay step</source>
        <translation>次のスライドまたはオーバーレイの段階</translation>
    </message>
    <message>
        <source>Previous slide or overlay step</source>
        <translation>前のスライドまたはオーバーレイの段階</translation>
    </message>
    <message>
        <source>First slide</source>
        <translation>最初のスライド</translation>
    </message>
    <message>
        <source>Last slide</source>
        <translation>最後のスライド</translation>
    </message>
    <message>
        <source>Go to slide: type its number, then Enter</source>
        <translation>スライドへ移動: 番号を入力して Enter</translation>
    </message>
    <message>
        <source>Overview of all slides</source>
        <translation>全スライドの一覧</translation>
    </message>
    <message>
        <source>Blank the projector (black)</source>
        <translation>プロジェクターを暗転（黒画面）</translation>
    </message>
    <message>
        <source>Freeze the projector while the console moves on</source>
        <translation>発表者コンソールだけ進め、プロジェクターは静止</translation>
    </message>
    <message>
        <source>Start the timer</source>
        <translation>タイマーを開始</translation>
    </message>
    <message>
        <source>Pause or resume the timer</source>
        <translation>タイマーを一時停止／再開</translation>
    </message>
    <message>
        <source>Reset the timer</source>
        <translation>タイマーをリセット</translation>
    </message>
    <message>
        <source>Swap the two windows&apos; screens</source>
        <translation>2 つのウィンドウの表示画面を入れ替え</translation>
    </message>
    <message>
        <source>Reload the deck</source>
        <translation>スライド資料を再読み込み</translation>
    </message>
    <message>
        <source>Show or hide this help</source>
        <translation>このヘルプを表示／非表示</translation>
    </message>
    <message>
        <source>Quit (asks first)</source>
        <translation>終了（確認あり）</translation>
    </message>
    <message>
        <source>Open or close the selected poll (reopen a closed one)</source>
        <translation>選択中の投票を開始／締め切り（締め切った投票は再開）</translation>
    </message>
    <message>
        <source>Reveal or hide the poll&apos;s results on the projector</source>
        <translation>投票結果をプロジェクターに表示／非表示</translation>
    </message>
    <message>
        <source>Show or hide the join card (QR code) on the projector</source>
        <translation>参加カード（QR コード）をプロジェクターに表示／非表示</translation>
    </message>
    <message>
        <source>Close the top overlay, join card or chart; else unblank</source>
        <translation>最前面のオーバーレイ・参加カード・グラフを閉じる（なければ暗転を解除）</translation>
    </message>
    <message>
        <source>Pin the next question (the pinned one is marked answered)</source>
        <translation>次の質問をピン留め（ピン留め中の質問は回答済みに）</translation>
    </message>
    <message>
        <source>Unpin the question, not answered</source>
        <translation>質問のピン留めを解除（回答済みにはしない）</translation>
    </message>
    <message>
        <source>Undo the last pin next or unpin</source>
        <translation>直前の「次をピン留め」または「ピン留め解除」を元に戻す</translation>
    </message>
    <message>
        <source>Open the moderation window</source>
        <translation>モデレーション画面を開く</translation>
    </message>
    <message>
        <source>Open another deck for this session</source>
        <translation>このセッションで別のスライド資料を開く</translation>
    </message>
    <message>
        <source>Next session (asks first while a poll is open)</source>
        <translation>次のセッション（投票の受付中は確認あり）</translation>
    </message>
    <message>
        <source>Previous session</source>
        <translation>前のセッション</translation>
    </message>
    <message>
        <source>Edit the event: its sessions, decks and times</source>
        <translation>イベントを編集: セッション・スライド資料・時間</translation>
    </message>
    <message>
        <source>Settings: times, port, language, screen and keys</source>
        <translation>設定: 時間・ポート・言語・画面・キー</translation>
    </message>
    <message>
        <source>Setting keys/%1: there is no action of that name; the names are listed in the README (next, previous, blank …).</source>
        <translation>設定 keys/%1: その名前の操作はありません。操作の名前は README に載っています（next、previous、blank …）。</translation>
    </message>
    <message>
        <source>Setting keys/%1 = &quot;%2&quot;: %3 is already the key of “%4”; using the default keys.</source>
        <translation>設定 keys/%1 = 「%2」: %3 はすでに「%4」のキーです。既定のキーを使います。</translation>
    </message>
    <message>
        <source>%1 is already the key of “%2”. Give that action another key first.</source>
        <translation>%1 はすでに「%2」のキーです。先にその操作に別のキーを割り当ててください。</translation>
    </message>
    <message>
        <source>There is no such action.</source>
        <translation>その操作はありません。</translation>
    </message>
</context>
<context>
    <name>Lectern::LiveEvent</name>
    <message>
        <source>No deck is open.</source>
        <translation>スライド資料が開かれていません。</translation>
    </message>
    <message>
        <source>There is no slide %1: the deck has slides 1 to %2.</source>
        <translation>スライド %1 はありません: このスライド資料のスライドは 1～%2 です。</translation>
    </message>
    <message>
        <source>its talk has begun</source>
        <translation>講演開始済み</translation>
    </message>
    <message>
        <source>questions: %1</source>
        <translation>質問: %1 件</translation>
    </message>
    <message>
        <source>polls run: %1</source>
        <translation>実施した投票: %1 件</translation>
    </message>
    <message>
        <source>votes: %1</source>
        <translation>票数: %1</translation>
    </message>
    <message>
        <source>An event needs at least one session.</source>
        <translation>イベントには少なくとも 1 つのセッションが必要です。</translation>
    </message>
    <message>
        <source>The edited plan does not say where its sessions came from.</source>
        <translation>編集後の予定に、各セッションの元の位置が示されていません。</translation>
    </message>
    <message>
        <source>The edited plan names session %1 twice or one that does not exist.</source>
        <translation>編集後の予定で、セッション %1 が重複しているか、存在しないセッションが指定されています。</translation>
    </message>
    <message>
        <source>“%1” is on stage and cannot be removed: move to another session first.</source>
        <translation>「%1」は進行中のため削除できません。先に別のセッションに切り替えてください。</translation>
    </message>
    <message>
        <source>“%1” cannot be removed, its record holds: %2.</source>
        <translation>「%1」には記録があるため削除できません: %2。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The event file no longer matches its record: %1 Put the session back in the file, or give another database.</source>
        <translation>イベントファイルが記録と一致しません: %1 セッションをファイルに戻すか、別のデータベースを指定してください。</translation>
    </message>
    <message>
        <source>The deck file %1 was deleted or moved away. The slides on screen stay as they were loaded; put the file back to reload it.</source>
        <translation>スライド資料のファイル %1 が削除または移動されました。画面のスライドは読み込んだときのまま表示されます。再読み込みするには、ファイルを元の場所に戻してください。</translation>
    </message>
</context>
<context>
    <name>Lectern::LivePolls</name>
    <message>
        <source>The event has no session %1.</source>
        <translation>イベントにセッション %1 はありません。</translation>
    </message>
    <message>
        <source>Cannot load the polls of session %1: %2</source>
        <translation>セッション %1 の投票を読み込めません: %2</translation>
    </message>
    <message>
        <source>There is no poll &quot;%1&quot; in this session.</source>
        <translation>このセッションに投票 &quot;%1&quot; はありません。</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; is missing from the event database.</source>
        <translation>投票 &quot;%1&quot; がイベントデータベースにありません。</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; is already open.</source>
        <translation>投票 &quot;%1&quot; はすでに受付中です。</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; is closed; reopen it to take votes again.</source>
        <translation>投票 &quot;%1&quot; は締め切られています。再び受け付けるには再開してください。</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; has not been opened yet; open it first.</source>
        <translation>投票 &quot;%1&quot; はまだ開始されていません。先に開始してください。</translation>
    </message>
    <message>
        <source>Cannot open the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; を開始できません: %2</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; has not been opened yet.</source>
        <translation>投票 &quot;%1&quot; はまだ開始されていません。</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; is already closed.</source>
        <translation>投票 &quot;%1&quot; はすでに締め切られています。</translation>
    </message>
    <message>
        <source>Cannot close the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; を締め切れません: %2</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; has no results to reveal before it has been opened.</source>
        <translation>投票 &quot;%1&quot; は開始前のため、表示できる結果がありません。</translation>
    </message>
    <message>
        <source>Only word-cloud and open-text answers can be hidden.</source>
        <translation>非表示にできるのはワードクラウドと自由記述の回答だけです。</translation>
    </message>
    <message>
        <source>Choose an answer.</source>
        <translation>回答を選んでください。</translation>
    </message>
    <message>
        <source>Choose one answer.</source>
        <translation>回答を 1 つ選んでください。</translation>
    </message>
    <message numerus="yes">
        <source>Choose at most %n answers.</source>
        <translation>
            <numerusform>回答は %n 個まで選べます。</numerusform>
        </translation>
    </message>
    <message>
        <source>That is not one of the answers of this poll.</source>
        <translation>この投票の選択肢ではありません。</translation>
    </message>
    <message>
        <source>Each answer can be chosen only once.</source>
        <translation>同じ回答は 1 回しか選べません。</translation>
    </message>
    <message>
        <source>Give a rating from %1 to %2.</source>
        <translation>%1 から %2 までの評価を選んでください。</translation>
    </message>
    <message>
        <source>Send one answer.</source>
        <translation>回答を 1 つ送ってください。</translation>
    </message>
    <message>
        <source>Write an answer.</source>
        <translation>回答を入力してください。</translation>
    </message>
    <message>
        <source>Keep it to %1 characters or fewer (this is %2).</source>
        <translation>%1 文字以内にしてください（現在 %2 文字）。</translation>
    </message>
    <message>
        <source>This poll has not started yet.</source>
        <translation>この投票はまだ始まっていません。</translation>
    </message>
    <message>
        <source>This poll is closed.</source>
        <translation>この投票は締め切られました。</translation>
    </message>
    <message>
        <source>This phone is not registered with the event; reload the page to join again.</source>
        <translation>この端末はイベントに登録されていません。ページを再読み込みして参加し直してください。</translation>
    </message>
    <message>
        <source>The vote could not be saved; please send it again. (%1)</source>
        <translation>票を保存できませんでした。もう一度送ってください。（%1）</translation>
    </message>
    <message>
        <source>No session is on stage, so no poll can be added yet.</source>
        <translation>進行中のセッションがないため、まだ投票を追加できません。</translation>
    </message>
    <message>
        <source>Cannot add the poll: %1</source>
        <translation>投票を追加できません: %1</translation>
    </message>
    <message>
        <source>The poll id &quot;%1&quot; is already used in this event; choose another one.</source>
        <translation>投票 ID &quot;%1&quot; はこのイベントですでに使われています。別の ID を選んでください。</translation>
    </message>
    <message>
        <source>The poll cannot be added: %1</source>
        <translation>投票を追加できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::LiveQuestions</name>
    <message>
        <source>There is no session %1.</source>
        <translation>セッション %1 はありません。</translation>
    </message>
    <message>
        <source>Cannot load the questions of session %1: %2</source>
        <translation>セッション %1 の質問を読み込めません: %2</translation>
    </message>
    <message>
        <source>the blocked words in the event database are not a list of words</source>
        <translation>イベントデータベース内のブロック対象の語句が、語句のリストになっていません</translation>
    </message>
    <message>
        <source>the blocked devices in the event database are not a list of devices</source>
        <translation>イベントデータベース内のブロック対象の端末が、端末のリストになっていません</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <comment>a question&apos;s state</comment>
        <translation>承認待ち</translation>
    </message>
    <message>
        <source>shown</source>
        <comment>a question&apos;s state</comment>
        <translation>表示中</translation>
    </message>
    <message>
        <source>pinned</source>
        <comment>a question&apos;s state</comment>
        <translation>ピン留め中</translation>
    </message>
    <message>
        <source>answered</source>
        <comment>a question&apos;s state</comment>
        <translation>回答済み</translation>
    </message>
    <message>
        <source>hidden</source>
        <comment>a question&apos;s state</comment>
        <translation>非表示</translation>
    </message>
    <message>
        <source>merged into another</source>
        <comment>a question&apos;s state</comment>
        <translation>他の質問に統合済み</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>a question&apos;s state</comment>
        <translation>取り下げ済み</translation>
    </message>
    <message>
        <source>unanswered</source>
        <comment>a question&apos;s state</comment>
        <translation>未回答</translation>
    </message>
    <message>
        <source>Question %1 cannot be %2: it is %3, and only questions that are %4 can be.</source>
        <extracomment>%1 the question&apos;s number, %2 what was asked of it (&quot;pinned&quot;), %3 its state, %4 the states that allow it</extracomment>
        <translation>質問 %1 は%3のため、%2できません（%4の質問のみ可能です）。</translation>
    </message>
    <message>
        <source> or </source>
        <comment>between the states that allow an action</comment>
        <translation>または</translation>
    </message>
    <message>
        <source>No session is on stage, so no question can be asked yet.</source>
        <translation>進行中のセッションがないため、まだ質問できません。</translation>
    </message>
    <message>
        <source>Question %1 was asked from another device; only its author can withdraw it.</source>
        <translation>質問 %1 は別の端末から送られました。取り下げられるのは質問した本人だけです。</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>what cannot be done to a question</comment>
        <translation>取り下げ</translation>
    </message>
    <message>
        <source>Cannot withdraw question %1:</source>
        <translation>質問 %1 を取り下げられません:</translation>
    </message>
    <message>
        <source>Question %1 is %2: only shown and pinned questions can be upvoted.</source>
        <translation>質問 %1 は%2です。賛成票を入れられるのは表示中とピン留め中の質問だけです。</translation>
    </message>
    <message>
        <source>No session is on stage, so its approval queue cannot be set yet.</source>
        <translation>進行中のセッションがないため、まだ質問の承認制を設定できません。</translation>
    </message>
    <message>
        <source>Cannot block the device that asked question %1: %2</source>
        <translation>質問 %1 を送った端末をブロックできません: %2</translation>
    </message>
    <message>
        <source>Cannot unblock the device that asked question %1: %2</source>
        <translation>質問 %1 を送った端末のブロックを解除できません: %2</translation>
    </message>
    <message>
        <source>No session is on stage, so it has no questions yet.</source>
        <translation>進行中のセッションがないため、まだ質問はありません。</translation>
    </message>
    <message>
        <source>There is no question %1 in this session.</source>
        <translation>このセッションに質問 %1 はありません。</translation>
    </message>
    <message>
        <source>merged</source>
        <comment>what cannot be done to a question</comment>
        <translation>統合</translation>
    </message>
    <message>
        <source>Merging needs the question to merge into.</source>
        <translation>統合するには統合先の質問が必要です。</translation>
    </message>
    <message>
        <source>A question cannot be merged into itself.</source>
        <translation>質問をそれ自身に統合することはできません。</translation>
    </message>
    <message>
        <source>merged into</source>
        <comment>what cannot be done to a question</comment>
        <translation>統合先に</translation>
    </message>
    <message>
        <source>approved</source>
        <comment>what cannot be done to a question</comment>
        <translation>承認</translation>
    </message>
    <message>
        <source>hidden</source>
        <comment>what cannot be done to a question</comment>
        <translation>非表示に</translation>
    </message>
    <message>
        <source>marked answered</source>
        <comment>what cannot be done to a question</comment>
        <translation>回答済みに</translation>
    </message>
    <message>
        <source>pinned</source>
        <comment>what cannot be done to a question</comment>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>unpinned</source>
        <comment>what cannot be done to a question</comment>
        <translation>ピン留め解除</translation>
    </message>
    <message>
        <source>Cannot change question %1:</source>
        <translation>質問 %1 を変更できません:</translation>
    </message>
    <message>
        <source>Cannot pin question %1:</source>
        <translation>質問 %1 をピン留めできません:</translation>
    </message>
    <message>
        <source>No session is on stage, so there is no question to pin.</source>
        <translation>進行中のセッションがないため、ピン留めする質問はありません。</translation>
    </message>
    <message>
        <source>No question is pinned and none is waiting.</source>
        <translation>ピン留め中の質問も、待機中の質問もありません。</translation>
    </message>
    <message>
        <source>Cannot pin the next question:</source>
        <translation>次の質問をピン留めできません:</translation>
    </message>
    <message>
        <source>No question is pinned.</source>
        <translation>ピン留め中の質問はありません。</translation>
    </message>
    <message>
        <source>Cannot unpin question %1:</source>
        <translation>質問 %1 のピン留めを解除できません:</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>元に戻せる操作はありません。</translation>
    </message>
    <message>
        <source>Question %1 has changed since, so the last step cannot be undone.</source>
        <translation>質問 %1 はその後変更されたため、直前の操作を元に戻せません。</translation>
    </message>
    <message>
        <source>Question %1 has been pinned since, so the last step cannot be undone.</source>
        <translation>その後質問 %1 がピン留めされたため、直前の操作を元に戻せません。</translation>
    </message>
    <message>
        <source>Cannot undo:</source>
        <translation>元に戻せません:</translation>
    </message>
    <message>
        <source>Cannot close the questions of session %1:</source>
        <translation>セッション %1 の質問を締め切れません:</translation>
    </message>
</context>
<context>
    <name>Lectern::ModerationWindow</name>
    <message>
        <source>Lectern — Moderation</source>
        <translation>Lectern — モデレーション</translation>
    </message>
    <message>
        <source>Start the audience server</source>
        <translation>参加者用サーバーを開始</translation>
    </message>
    <message>
        <source>The moderator page comes from the audience server, which is off.</source>
        <translation>モデレーターページは参加者用サーバーが提供しますが、サーバーは停止中です。</translation>
    </message>
    <message>
        <source>The audience server did not start: %1</source>
        <translation>参加者用サーバーを開始できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::OverviewGrid</name>
    <message>
        <source>Slide overview</source>
        <translation>スライド一覧</translation>
    </message>
    <message>
        <source>Arrow keys pick a slide, Enter goes there, Esc closes</source>
        <translation>矢印キーでスライドを選択、Enter で移動、Esc で閉じる</translation>
    </message>
</context>
<context>
    <name>Lectern::OverviewThumbnail</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Slide %1</source>
        <translation>スライド %1</translation>
    </message>
    <message>
        <source>Slide %1 (%2)</source>
        <translation>スライド %1（%2）</translation>
    </message>
    <message>
        <source>Current slide, selected</source>
        <translation>現在のスライド、選択中</translation>
    </message>
    <message>
        <source>Current slide</source>
        <translation>現在のスライド</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>選択中</translation>
    </message>
</context>
<context>
    <name>Lectern::PdfReport</name>
    <message>
        <source>no times</source>
        <translation>時刻なし</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1～%2</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>%1 – still running</source>
        <translation>%1～（進行中）</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>進行: %1</translation>
    </message>
    <message>
        <source>Event report</source>
        <translation>イベントレポート</translation>
    </message>
    <message>
        <source>Exported %1 · %2</source>
        <translation>エクスポート日時: %1 · %2</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>タイムテーブル</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>実績</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>Session %1: %2</source>
        <translation>セッション %1: %2</translation>
    </message>
    <message>
        <source>Planned %1 · Actual %2</source>
        <translation>予定 %1 · 実績 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Polls not opened, left out: %1.</source>
        <translation>開始されなかったため省略した投票: %1 件。</translation>
    </message>
    <message>
        <source>Questions (%1), by votes</source>
        <translation>質問（%1 件、賛成票の多い順）</translation>
    </message>
    <message>
        <source>No questions were asked.</source>
        <translation>質問はありませんでした。</translation>
    </message>
    <message>
        <source>asked by %1</source>
        <translation>質問者: %1</translation>
    </message>
    <message>
        <source>asked %1</source>
        <translation>質問時刻: %1</translation>
    </message>
    <message>
        <source>answered %1</source>
        <translation>回答時刻: %1</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答済み</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>要フォロー</translation>
    </message>
    <message>
        <source>hidden by the moderator: %1</source>
        <translation>モデレーターによる非表示: %1 件</translation>
    </message>
    <message>
        <source>withdrawn: %1</source>
        <translation>取り下げ: %1 件</translation>
    </message>
    <message>
        <source>merged into another question: %1</source>
        <translation>他の質問に統合: %1 件</translation>
    </message>
    <message>
        <source>Not listed — %1.</source>
        <translation>掲載していない質問 — %1。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 – report</source>
        <translation>%1 – レポート</translation>
    </message>
    <message>
        <source>The PDF report could not be started.</source>
        <translation>PDF レポートの作成を開始できませんでした。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 ページ</translation>
    </message>
    <message>
        <source>The PDF report could not be written.</source>
        <translation>PDF レポートを書き出せませんでした。</translation>
    </message>
    <message numerus="yes">
        <source>Runs %n min behind</source>
        <translation>
            <numerusform>予定より %n 分遅れ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Lectern::PdfpcFile</name>
    <message>
        <source>invalid JSON at line %1, column %2: %3</source>
        <translation>%1 行目 %2 列目の JSON が不正です: %3</translation>
    </message>
    <message>
        <source>the file is not a pdfpc notes file (its JSON is not an object)</source>
        <translation>pdfpc のノートファイルではありません（JSON がオブジェクトではありません）</translation>
    </message>
</context>
<context>
    <name>Lectern::PinnedQuestionCard</name>
    <message>
        <source>A question from the audience</source>
        <translation>会場からの質問</translation>
    </message>
    <message>
        <source>%1 asks</source>
        <translation>%1 さんの質問</translation>
    </message>
    <message>
        <source>Pinned question</source>
        <translation>ピン留め中の質問</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::Poll</name>
    <message>
        <source>a single-choice poll</source>
        <translation>単一選択の投票</translation>
    </message>
    <message>
        <source>a multiple-choice poll</source>
        <translation>複数選択の投票</translation>
    </message>
    <message>
        <source>a rating poll</source>
        <translation>評価の投票</translation>
    </message>
    <message>
        <source>a word-cloud poll</source>
        <translation>ワードクラウドの投票</translation>
    </message>
    <message>
        <source>an open-text poll</source>
        <translation>自由記述の投票</translation>
    </message>
    <message>
        <source>%1 takes no options</source>
        <translation>%1には選択肢を指定できません</translation>
    </message>
    <message>
        <source>%1 needs at least two options</source>
        <translation>%1には選択肢が 2 つ以上必要です</translation>
    </message>
    <message>
        <source>a poll has at most %1 options; this one has %2</source>
        <translation>投票の選択肢は最大 %1 個までです（この投票には %2 個あります）</translation>
    </message>
    <message>
        <source>the option has no text</source>
        <translation>選択肢のテキストがありません</translation>
    </message>
    <message>
        <source>the option is %1 characters long; at most %2 are allowed</source>
        <translation>選択肢が %1 文字あります。最大 %2 文字までです</translation>
    </message>
    <message>
        <source>the option id &quot;%1&quot; must be 1 to %2 letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>選択肢の ID &quot;%1&quot; は、半角英数字・&apos;-&apos;・&apos;_&apos; からなる 1～%2 文字にしてください</translation>
    </message>
    <message>
        <source>another option already has the id &quot;%1&quot;</source>
        <translation>ID &quot;%1&quot; はすでに別の選択肢で使われています</translation>
    </message>
    <message>
        <source>another option already says &quot;%1&quot;</source>
        <translation>&quot;%1&quot; という選択肢はすでにあります</translation>
    </message>
    <message>
        <source>%1 is not between 1 and the number of options (%2)</source>
        <translation>%1 は 1 から選択肢の数（%2）までの範囲外です</translation>
    </message>
    <message>
        <source>the poll id &quot;%1&quot; must be 1 to %2 letters, digits, &apos;-&apos; or &apos;_&apos;, such as &quot;uses-uv&quot;</source>
        <translation>投票 ID &quot;%1&quot; は、半角英数字・&apos;-&apos;・&apos;_&apos; からなる 1～%2 文字にしてください（例: &quot;uses-uv&quot;）</translation>
    </message>
    <message>
        <source>the poll has no question</source>
        <translation>投票に質問がありません</translation>
    </message>
    <message>
        <source>the question is %1 characters long; at most %2 are allowed</source>
        <translation>質問が %1 文字あります。最大 %2 文字までです</translation>
    </message>
    <message>
        <source>the label is %1 characters long; at most %2 are allowed</source>
        <translation>ラベルが %1 文字あります。最大 %2 文字までです</translation>
    </message>
    <message>
        <source>Type a word or a few words.</source>
        <translation>単語を 1 つ、または数語入力してください。</translation>
    </message>
    <message>
        <source>The answer contains characters that cannot be shown.</source>
        <translation>回答に表示できない文字が含まれています。</translation>
    </message>
    <message>
        <source>Keep it to %1 characters or fewer (this is %2).</source>
        <translation>%1 文字以内にしてください（現在 %2 文字）。</translation>
    </message>
</context>
<context>
    <name>Lectern::PollChart</name>
    <message>
        <source>%1 · %2%</source>
        <translation>%1 · %2%</translation>
    </message>
    <message>
        <source>Votes: %1</source>
        <translation>票数: %1</translation>
    </message>
    <message>
        <source>%1 · average %2</source>
        <translation>%1 · 平均 %2</translation>
    </message>
    <message>
        <source>%1 · voting is open</source>
        <translation>%1 · 投票受付中</translation>
    </message>
    <message>
        <source>%1 · voting closed</source>
        <translation>%1 · 投票締切</translation>
    </message>
    <message>
        <source>No answers yet</source>
        <translation>まだ回答はありません</translation>
    </message>
    <message>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <source>…and %1 more</source>
        <translation>…ほか %1 件</translation>
    </message>
    <message>
        <source>Poll results</source>
        <translation>投票結果</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::PollEditor</name>
    <message>
        <source>New poll</source>
        <translation>新しい投票</translation>
    </message>
    <message>
        <source>Do you use uv?</source>
        <translation>uv を使っていますか？</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>質問(&amp;Q)</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>単一選択</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>複数選択</translation>
    </message>
    <message>
        <source>Rating 1–5</source>
        <translation>評価 1–5</translation>
    </message>
    <message>
        <source>Word cloud</source>
        <translation>ワードクラウド</translation>
    </message>
    <message>
        <source>Open text</source>
        <translation>自由記述</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>Yes
No
What is uv?</source>
        <translation>はい
いいえ
uv って何？</translation>
    </message>
    <message>
        <source>&amp;Options
(one a line)</source>
        <translation>選択肢(&amp;O)
（1 行に 1 つ）</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>&amp;Most choices</source>
        <translation>最大選択数(&amp;M)</translation>
    </message>
    <message>
        <source>not at all</source>
        <translation>まったく</translation>
    </message>
    <message>
        <source>Words under &amp;1</source>
        <translation>1 のラベル(&amp;1)</translation>
    </message>
    <message>
        <source>very much</source>
        <translation>とても</translation>
    </message>
    <message>
        <source>Words under &amp;5</source>
        <translation>5 のラベル(&amp;5)</translation>
    </message>
    <message>
        <source>After you reveal them</source>
        <translation>結果を表示した後</translation>
    </message>
    <message>
        <source>As soon as they have voted</source>
        <translation>投票した直後から</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>表示しない</translation>
    </message>
    <message>
        <source>Phones see &amp;results</source>
        <translation>スマートフォンでの結果表示(&amp;R)</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation>選択肢 %1</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>選択肢</translation>
    </message>
    <message>
        <source>Most choices</source>
        <translation>最大選択数</translation>
    </message>
    <message>
        <source>Words under 1</source>
        <translation>1 のラベル</translation>
    </message>
    <message>
        <source>Words under 5</source>
        <translation>5 のラベル</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Polls cannot be created here.</source>
        <translation>ここでは投票を作成できません。</translation>
    </message>
</context>
<context>
    <name>Lectern::PollPanel</name>
    <message>
        <source>The session&apos;s polls; the controls act on the one picked here</source>
        <translation>このセッションの投票。ここで選んだ投票が操作の対象になります</translation>
    </message>
    <message>
        <source>New poll…</source>
        <translation>新しい投票…</translation>
    </message>
    <message>
        <source>Write a poll now and add it to this session</source>
        <translation>その場で投票を作成して、このセッションに追加</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>受付開始</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>あとで</translation>
    </message>
    <message>
        <source>On the projector</source>
        <translation>プロジェクターに表示中</translation>
    </message>
    <message>
        <source>The projector shows these results (r to hide)</source>
        <translation>プロジェクターにこの結果を表示しています（r で非表示）</translation>
    </message>
    <message>
        <source>Kept off the projector</source>
        <translation>プロジェクターに表示しない回答</translation>
    </message>
    <message>
        <source>Reset…</source>
        <translation>リセット…</translation>
    </message>
    <message>
        <source>Delete this poll&apos;s votes (after a rehearsal); asks first</source>
        <translation>この投票の票を削除（リハーサル後などに。確認あり）</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>締切済み</translation>
    </message>
    <message>
        <source>%1, revealed</source>
        <translation>%1、結果表示中</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>This slide has a poll: open “%1”?</source>
        <translation>このスライドには投票があります。「%1」を開始しますか？</translation>
    </message>
    <message>
        <source>This session has no polls. “New poll…” writes one now.</source>
        <translation>このセッションには投票がありません。「新しい投票…」でその場で作成できます。</translation>
    </message>
    <message>
        <source>The poll &quot;%1&quot; is not in this session.</source>
        <translation>投票 &quot;%1&quot; はこのセッションにありません。</translation>
    </message>
    <message>
        <source>Open voting</source>
        <translation>投票を開始</translation>
    </message>
    <message>
        <source>Reveal results</source>
        <translation>結果を表示</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Show this answer on the projector again</source>
        <translation>この回答をプロジェクターに再び表示</translation>
    </message>
    <message>
        <source>Keep this answer off the projector</source>
        <translation>この回答をプロジェクターに表示しない</translation>
    </message>
    <message>
        <source>Votes: %1</source>
        <translation>票数: %1</translation>
    </message>
    <message>
        <source>%1 · average %2</source>
        <translation>%1 · 平均 %2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>…and %1 more</source>
        <translation>…ほか %1 件</translation>
    </message>
    <message>
        <source>Not opened yet: no answers.</source>
        <translation>未開始のため、回答はありません。</translation>
    </message>
    <message>
        <source>No answers yet.</source>
        <translation>まだ回答はありません。</translation>
    </message>
    <message>
        <source>Close voting</source>
        <translation>投票を締め切る</translation>
    </message>
    <message>
        <source>Reopen voting</source>
        <translation>投票を再開</translation>
    </message>
    <message>
        <source>Open, close or reopen this poll (v)</source>
        <translation>この投票を開始／締め切り／再開（v）</translation>
    </message>
    <message>
        <source>Hide results</source>
        <translation>結果を非表示</translation>
    </message>
    <message>
        <source>Show or hide the results on the projector (r)</source>
        <translation>プロジェクターでの結果の表示／非表示（r）</translation>
    </message>
    <message>
        <source>There is no poll to open: this session has none. “New poll…” writes one.</source>
        <translation>開始できる投票がありません: このセッションには投票がありません。「新しい投票…」で作成できます。</translation>
    </message>
    <message>
        <source>There is no poll to reveal: this session has none.</source>
        <translation>結果を表示できる投票がありません: このセッションには投票がありません。</translation>
    </message>
    <message>
        <source>Reset results</source>
        <translation>結果のリセット</translation>
    </message>
    <message>
        <source>Delete the votes of “%1”? Votes so far: %2</source>
        <translation>「%1」の票を削除しますか？ これまでの票数: %2</translation>
    </message>
    <message>
        <source>The poll becomes a draft again, hidden from the projector. This cannot be undone.</source>
        <translation>投票は下書きに戻り、プロジェクターには表示されなくなります。この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete the votes</source>
        <translation>票を削除</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>削除しない</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>poll state</comment>
        <translation>受付中</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Selected poll</source>
        <translation>選択中の投票</translation>
    </message>
    <message>
        <source>Open the slide&apos;s poll</source>
        <translation>このスライドの投票を開始</translation>
    </message>
    <message>
        <source>Not now: leave the slide&apos;s poll closed</source>
        <translation>あとで: このスライドの投票はまだ開始しない</translation>
    </message>
    <message>
        <source>The slide&apos;s poll</source>
        <translation>このスライドの投票</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Poll state: %1</source>
        <translation>投票の状態: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1% of the voters</source>
        <translation>投票者の %1%</translation>
    </message>
    <message>
        <source>Hide “%1” from the projector</source>
        <translation>「%1」をプロジェクターに表示しない</translation>
    </message>
    <message>
        <source>Kept off the projector: %1</source>
        <translation>プロジェクターに表示しない回答: %1</translation>
    </message>
    <message>
        <source>Show “%1” on the projector again</source>
        <translation>「%1」をプロジェクターに再び表示</translation>
    </message>
</context>
<context>
    <name>Lectern::PollStore</name>
    <message>
        <source>Cannot record the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; を記録できません: %2</translation>
    </message>
    <message>
        <source>Cannot read the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot read the polls: %1</source>
        <translation>投票を読み込めません: %1</translation>
    </message>
    <message>
        <source>There is no poll &quot;%1&quot; in this event.</source>
        <translation>このイベントに投票 &quot;%1&quot; はありません。</translation>
    </message>
    <message>
        <source>Cannot change the state of the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; の状態を変更できません: %2</translation>
    </message>
    <message>
        <source>Cannot reveal or hide the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; の結果の表示／非表示を切り替えられません: %2</translation>
    </message>
    <message>
        <source>vote %1 (poll &quot;%2&quot;) has no answer</source>
        <translation>%1 件目の票（投票 &quot;%2&quot;）に回答がありません</translation>
    </message>
    <message>
        <source>vote %1 (poll &quot;%2&quot;): %3</source>
        <translation>%1 件目の票（投票 &quot;%2&quot;）: %3</translation>
    </message>
    <message numerus="yes">
        <source>No vote of this batch of %n was saved: %1</source>
        <translation>
            <numerusform>この %n 件の票はいずれも保存されませんでした: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the vote: %1</source>
        <translation>票を読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot read the votes of the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; の票を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot count the votes of the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; の票を集計できません: %2</translation>
    </message>
    <message>
        <source>Cannot reset the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; をリセットできません: %2</translation>
    </message>
    <message>
        <source>Cannot hide or show the answer in the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; の回答の表示／非表示を切り替えられません: %2</translation>
    </message>
    <message>
        <source>Cannot read the hidden answers of the poll &quot;%1&quot;: %2</source>
        <translation>投票 &quot;%1&quot; の非表示にした回答を読み込めません: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::Preferences</name>
    <message>
        <source>Setting %1 = &quot;%2&quot;: give a whole number of minutes from %3 to %4; using %5.</source>
        <translation>設定 %1 = 「%2」: %3～%4 の整数（分）を指定してください。%5 分を使います。</translation>
    </message>
    <message>
        <source>Setting %1 = &quot;%2&quot;: &quot;%3&quot; is not a key such as F5, Ctrl+R or PgDown; using the default keys.</source>
        <translation>設定 %1 = 「%2」: 「%3」は F5、Ctrl+R、PgDown のようなキーではありません。既定のキーを使います。</translation>
    </message>
    <message>
        <source>Setting %1 = &quot;%2&quot;: give a port from 1 to 65535, or auto; choosing one automatically.</source>
        <translation>設定 %1 = 「%2」: 1～65535 のポートか auto を指定してください。ポートを自動で選びます。</translation>
    </message>
    <message>
        <source>Setting %1 = &quot;%2&quot;: give system, en or ja; using the system&apos;s language.</source>
        <translation>設定 %1 = 「%2」: system、en、ja のいずれかを指定してください。システムの言語を使います。</translation>
    </message>
    <message>
        <source>Could not write the settings file %1.</source>
        <translation>設定ファイル %1 を書き込めませんでした。</translation>
    </message>
</context>
<context>
    <name>Lectern::PresenterWindow</name>
    <message>
        <source>Lectern — Presenter console</source>
        <translation>Lectern — 発表者コンソール</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>このメッセージを非表示にする</translation>
    </message>
    <message>
        <source>Current slide</source>
        <translation>現在のスライド</translation>
    </message>
    <message>
        <source>Next slide</source>
        <translation>次のスライド</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ノート</translation>
    </message>
    <message>
        <source>No notes</source>
        <translation>スピーカーノートはありません</translation>
    </message>
    <message>
        <source>Slide</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>Blanked</source>
        <translation>暗転中</translation>
    </message>
    <message>
        <source>The projector shows black (b or . to show the slide again)</source>
        <translation>プロジェクターは黒画面です（b または . でスライドを再表示）</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>静止中</translation>
    </message>
    <message>
        <source>The projector stays on its slide (f or F5 to follow again)</source>
        <translation>プロジェクターは現在のスライドで静止しています（f または F5 で追従を再開）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>ペース</translation>
    </message>
    <message>
        <source>Lectern — %1</source>
        <translation>Lectern — %1</translation>
    </message>
    <message>
        <source>No deck open</source>
        <translation>スライド資料が開かれていません</translation>
    </message>
    <message>
        <source>End of deck</source>
        <translation>スライド資料の終わり</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Before start</source>
        <translation>開始前</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>講演</translation>
    </message>
    <message>
        <source>Q&amp;A</source>
        <translation>質疑応答</translation>
    </message>
    <message>
        <source>Overtime</source>
        <translation>超過</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1（一時停止中）</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>Session over by %1</source>
        <translation>セッション %1 超過</translation>
    </message>
    <message>
        <source>Session: %1 left</source>
        <translation>セッション: 残り %1</translation>
    </message>
    <message>
        <source>Ahead</source>
        <translation>早め</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>予定どおり</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>遅れ</translation>
    </message>
    <message>
        <source>Quit Lectern</source>
        <translation>Lectern を終了</translation>
    </message>
    <message>
        <source>Quit the presentation?</source>
        <translation>発表を終了しますか？</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Keep presenting</source>
        <translation>発表を続ける</translation>
    </message>
    <message>
        <source>Open a deck</source>
        <translation>スライド資料を開く</translation>
    </message>
    <message>
        <source>PDF decks (*.pdf *.PDF)</source>
        <translation>PDF スライド資料 (*.pdf *.PDF)</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>スマホ</translation>
    </message>
    <message>
        <source>Join card</source>
        <translation>参加カード</translation>
    </message>
    <message>
        <source>The projector shows the join card (j or Esc to hide it)</source>
        <translation>プロジェクターに参加カードを表示しています（j または Esc で非表示）</translation>
    </message>
    <message>
        <source>Results shown</source>
        <translation>結果表示中</translation>
    </message>
    <message>
        <source>The projector shows the poll&apos;s results (r or Esc to hide them)</source>
        <translation>プロジェクターに投票結果を表示しています（r または Esc で非表示）</translation>
    </message>
    <message>
        <source>Moderation needs the audience server, which is not running in this Lectern.</source>
        <translation>モデレーションには参加者用サーバーが必要ですが、この Lectern では動作していません。</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Question shown</source>
        <translation>質問表示中</translation>
    </message>
    <message>
        <source>The projector shows the pinned question (u to unpin it, n for the next)</source>
        <translation>プロジェクターにピン留め中の質問を表示しています（u でピン留め解除、n で次の質問）</translation>
    </message>
    <message>
        <source>Questions (%1)</source>
        <translation>質問（%1）</translation>
    </message>
    <message>
        <source>There are no audience questions in this Lectern.</source>
        <translation>この Lectern では会場からの質問を受け付けていません。</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Switch sessions</source>
        <translation>セッションの切り替え</translation>
    </message>
    <message>
        <source>The poll “%1” is still open. Switch to %2 anyway?</source>
        <translation>投票「%1」はまだ受付中です。このまま %2 に切り替えますか？</translation>
    </message>
    <message>
        <source>Phones then see the polls of the new session.</source>
        <translation>切り替えると、スマートフォンには新しいセッションの投票が表示されます。</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>切り替える</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>切り替えない</translation>
    </message>
    <message>
        <source>session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>session %1 “%2”</source>
        <translation>セッション %1「%2」</translation>
    </message>
    <message>
        <source>This is the last session of the event.</source>
        <translation>これがイベントの最後のセッションです。</translation>
    </message>
    <message>
        <source>This event has one session.</source>
        <translation>このイベントのセッションは 1 つだけです。</translation>
    </message>
    <message>
        <source>This is the first session of the event.</source>
        <translation>これがイベントの最初のセッションです。</translation>
    </message>
    <message>
        <source>This event has no session %1.</source>
        <translation>このイベントにセッション %1 はありません。</translation>
    </message>
    <message>
        <source>%1 stays on stage.</source>
        <translation>%1 が引き続き進行中です。</translation>
    </message>
    <message>
        <source>%1 is on stage already.</source>
        <translation>%1 はすでに進行中です。</translation>
    </message>
    <message>
        <source>%1 has no deck, so it cannot go on stage; give it one in Event ▸ Edit event….</source>
        <translation>%1 にはスライド資料がないため、切り替えられません。「イベント ▸ イベントを編集…」で指定してください。</translation>
    </message>
    <message>
        <source>%1 was not put on stage: %2</source>
        <translation>%1 に切り替えられませんでした: %2</translation>
    </message>
    <message>
        <source>The event was edited while the deck of %1 opened; nothing changed on stage.</source>
        <translation>%1 のスライド資料を開いている間にイベントが編集されたため、進行中のセッションは変更していません。</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>イベント(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit event…</source>
        <translation>イベントを編集(&amp;E)…</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>エクスポート(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;CSV…</source>
        <translation>CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;JSON…</source>
        <translation>JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;PDF report…</source>
        <translation>PDF レポート(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Handout of this session…</source>
        <translation>このセッションの配布資料(&amp;H)…</translation>
    </message>
    <message>
        <source>Handout of the &amp;whole event…</source>
        <translation>イベント全体の配布資料(&amp;W)…</translation>
    </message>
    <message>
        <source>Leave &amp;names out of exports</source>
        <translation>エクスポートに名前を含めない(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open deck…</source>
        <translation>スライド資料を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>セッション(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next session</source>
        <translation>次のセッション(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous session</source>
        <translation>前のセッション(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Go to session</source>
        <translation>セッションへ移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation>タイムテーブル(&amp;A)</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>&amp;%1. %2</source>
        <translation>&amp;%1. %2</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>No session is on stage.</source>
        <translation>進行中のセッションがありません。</translation>
    </message>
    <message>
        <source>Exporting the %1…</source>
        <translation>%1 をエクスポートしています…</translation>
    </message>
    <message>
        <source>There is no event to edit yet: open a deck first.</source>
        <translation>編集できるイベントがまだありません: 先にスライド資料を開いてください。</translation>
    </message>
    <message>
        <source>Saved the event to %1</source>
        <translation>イベントを %1 に保存しました</translation>
    </message>
    <message>
        <source>Presenter console</source>
        <translation>発表者コンソール</translation>
    </message>
    <message>
        <source>The talk&apos;s keys work here; the help overlay lists them.</source>
        <translation>発表用のキー操作はここで使えます。キーの一覧はヘルプに表示されます。</translation>
    </message>
    <message>
        <source>Phones cannot join: %1 The slides keep working. Free the port or choose another with --listen, then switch “Let phones join” on in the Phones tab.</source>
        <translation>スマートフォンから参加できません: %1 スライドはそのまま使えます。ポートを空けるか --listen で別のポートを指定してから、「スマホ」タブで「スマートフォンの参加を許可」をオンにしてください。</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Dismiss the messages</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <source>Slides</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>Speaker notes</source>
        <translation>スピーカーノート</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>パネル</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Slide: none</source>
        <translation>スライド: なし</translation>
    </message>
    <message>
        <source>Slide %1 of %2</source>
        <translation>スライド %1（全 %2 枚）</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>時刻: %1</translation>
    </message>
    <message>
        <source>%1: over by %2</source>
        <translation>%1: %2 超過</translation>
    </message>
    <message>
        <source>%1: %2 left</source>
        <translation>%1: 残り %2</translation>
    </message>
    <message>
        <source>Pace: %1</source>
        <translation>ペース: %1</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未計測</translation>
    </message>
    <message>
        <source>The event database refused to store a change: %1 Nothing of it was recorded (phones were told to send again); the talk goes on. Free some disk space or check the database file.</source>
        <translation>イベントデータベースに変更を保存できませんでした: %1 この変更は一切記録されていません（スマートフォンには再送を求めました）。発表はそのまま続けられます。ディスクの空き容量を確保するか、データベースファイルを確認してください。</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>メニューバー</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>設定(&amp;T)…</translation>
    </message>
    <message>
        <source>Settings saved: they apply from the next time Lectern starts.</source>
        <translation>設定を保存しました。次回 Lectern を起動したときから反映されます。</translation>
    </message>
</context>
<context>
    <name>Lectern::ProjectorWindow</name>
    <message>
        <source>Lectern — Projector</source>
        <translation>Lectern — プロジェクター</translation>
    </message>
    <message>
        <source>Slide on the projector</source>
        <translation>プロジェクターのスライド</translation>
    </message>
    <message>
        <source>Slide %1 of %2</source>
        <translation>スライド %1（全 %2 枚）</translation>
    </message>
    <message>
        <source>No deck open</source>
        <translation>スライド資料が開かれていません</translation>
    </message>
    <message>
        <source>Blanked: the projector shows black</source>
        <translation>暗転中: プロジェクターは黒画面です</translation>
    </message>
    <message>
        <source>%1, frozen</source>
        <translation>%1、静止中</translation>
    </message>
</context>
<context>
    <name>Lectern::QrCode</name>
    <message>
        <source>There is no text to put in a QR code.</source>
        <translation>QR コードにするテキストがありません。</translation>
    </message>
    <message>
        <source>The text is too long for a QR code (%1 bytes).</source>
        <translation>テキストが長すぎて QR コードにできません（%1 バイト）。</translation>
    </message>
    <message>
        <source>Cannot make a QR code: %1</source>
        <translation>QR コードを作成できません: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::Question</name>
    <message>
        <source>Type your question.</source>
        <translation>質問を入力してください。</translation>
    </message>
    <message>
        <source>Keep your question to %1 characters or fewer (this is %2).</source>
        <translation>質問は %1 文字以内にしてください（現在 %2 文字）。</translation>
    </message>
    <message>
        <source>Keep your name to %1 characters or fewer (this is %2).</source>
        <translation>名前は %1 文字以内にしてください（現在 %2 文字）。</translation>
    </message>
</context>
<context>
    <name>Lectern::QuestionPanel</name>
    <message>
        <source>How many of the waiting questions, from the top, fit in the Q&amp;A time left</source>
        <translation>待機中の質問のうち、上から何件が残りの質疑応答時間に収まるか</translation>
    </message>
    <message>
        <source>The questions below this line do not fit in the Q&amp;A time left, at the time per question so far</source>
        <translation>これまでの 1 件あたりの時間で計算すると、この線より下の質問は残りの質疑応答時間に収まりません</translation>
    </message>
    <message>
        <source>Pin next</source>
        <translation>次をピン留め</translation>
    </message>
    <message>
        <source>Mark the pinned question answered and pin the top one (n)</source>
        <translation>ピン留め中の質問を回答済みにし、先頭の質問をピン留め（n）</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>ピン留め解除</translation>
    </message>
    <message>
        <source>Put the pinned question back in the queue, not answered (u)</source>
        <translation>ピン留め中の質問を回答済みにせず待機中の一覧に戻す（u）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Take back the last pin next or unpin (%1)</source>
        <translation>直前の「次をピン留め」または「ピン留め解除」を元に戻す（%1）</translation>
    </message>
    <message>
        <source>Moderation…</source>
        <translation>モデレーション…</translation>
    </message>
    <message>
        <source>Open the moderator page: approve, hide, merge, block (%1)</source>
        <translation>モデレーターページを開く: 承認・非表示・統合・ブロック（%1）</translation>
    </message>
    <message>
        <source>End session…</source>
        <translation>セッション終了…</translation>
    </message>
    <message>
        <source>End this session&apos;s Q&amp;A: the questions still shown become unanswered, kept for the export; asks first</source>
        <translation>このセッションの質疑応答を終了: 表示中の質問は未回答としてエクスポート用に残ります（確認あり）</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>ピン留め中</translation>
    </message>
    <message>
        <source>On the projector now: n marks it answered and pins the next, u unpins it</source>
        <translation>プロジェクターに表示中: n で回答済みにして次をピン留め、u でピン留め解除</translation>
    </message>
    <message>
        <source>▲ %1</source>
        <translation>▲ %1</translation>
    </message>
    <message>
        <source>Votes: %1</source>
        <translation>賛成票: %1</translation>
    </message>
    <message>
        <source>— %1</source>
        <translation>— %1</translation>
    </message>
    <message>
        <source>…and %1 more</source>
        <translation>…ほか %1 件</translation>
    </message>
    <message>
        <source>No questions yet. The audience asks from the phone page; they show here by votes.</source>
        <translation>まだ質問はありません。参加者はスマートフォンのページから質問でき、質問は賛成票の多い順にここに表示されます。</translation>
    </message>
    <message>
        <source>Waiting for approval: %1 (approve them in Moderation…)</source>
        <translation>承認待ち: %1 件（「モデレーション…」で承認）</translation>
    </message>
    <message>
        <source>Q&amp;A time is up; questions waiting: %1</source>
        <translation>質疑応答の時間は終了しました。待機中の質問: %1 件</translation>
    </message>
    <message>
        <source>Q&amp;A forecast: no questions waiting yet; %1 for Q&amp;A</source>
        <translation>質疑応答の見込み: 待機中の質問はまだありません。質疑応答の時間は %1</translation>
    </message>
    <message>
        <source>No questions waiting; %1 of Q&amp;A left</source>
        <translation>待機中の質問はありません。質疑応答の残り時間は %1</translation>
    </message>
    <message numerus="yes">
        <source>Q&amp;A forecast: about %1 of %n fit in %2</source>
        <comment>questions</comment>
        <translation>
            <numerusform>質疑応答の見込み: %n 件中およそ %1 件が %2 に収まります</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %1 of %n fit in %2</source>
        <comment>questions</comment>
        <translation>
            <numerusform>%n 件中およそ %1 件が %2 に収まります</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 a question: the mean of this session&apos;s answers</source>
        <translation>1 件あたり %1（このセッションの回答時間の平均）</translation>
    </message>
    <message>
        <source>%1 a question until one is answered</source>
        <translation>1 件あたり %1（回答済みの質問が出るまでの仮の値）</translation>
    </message>
    <message numerus="yes">
        <source>Time runs out here: %n more below</source>
        <translation>
            <numerusform>ここで時間切れ: 下にあと %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>End the session&apos;s Q&amp;A</source>
        <translation>セッションの質疑応答を終了</translation>
    </message>
    <message>
        <source>End this session&apos;s Q&amp;A? Questions still shown: %1</source>
        <translation>このセッションの質疑応答を終了しますか？ 表示中の質問: %1 件</translation>
    </message>
    <message>
        <source>They become unanswered: kept, with their votes, so that they can be answered afterwards from the export. The phones stop showing them.</source>
        <translation>これらの質問は未回答になります。賛成票とともに残るので、後でエクスポートから回答できます。スマートフォンには表示されなくなります。</translation>
    </message>
    <message>
        <source>End the Q&amp;A</source>
        <translation>質疑応答を終了</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>質疑応答を続ける</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Questions by votes</source>
        <translation>賛成票の多い順の質問</translation>
    </message>
    <message>
        <source>Time runs out here</source>
        <translation>ここで時間切れ</translation>
    </message>
    <message>
        <source>%1 (asked by %2)</source>
        <translation>%1（質問者: %2）</translation>
    </message>
    <message>
        <source>%1; votes: %2</source>
        <translation>%1、賛成票: %2</translation>
    </message>
    <message>
        <source>Pinned: %1</source>
        <translation>ピン留め中: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::QuestionStore</name>
    <message>
        <source>Cannot record a question without the time it was asked.</source>
        <translation>質問された時刻がないため、質問を記録できません。</translation>
    </message>
    <message>
        <source>Cannot record the question: %1</source>
        <translation>質問を記録できません: %1</translation>
    </message>
    <message>
        <source>Cannot read question %1: %2</source>
        <translation>質問 %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot read the questions of session %1: %2</source>
        <translation>セッション %1 の質問を読み込めません: %2</translation>
    </message>
    <message>
        <source>There is no question %1 in this event.</source>
        <translation>このイベントに質問 %1 はありません。</translation>
    </message>
    <message>
        <source>Question %1 can only become merged by merging it into another.</source>
        <translation>質問 %1 を統合済みにするには、別の質問に統合してください。</translation>
    </message>
    <message>
        <source>Cannot change the state of question %1: %2</source>
        <translation>質問 %1 の状態を変更できません: %2</translation>
    </message>
    <message>
        <source>Cannot record the upvote of question %1: %2</source>
        <translation>質問 %1 への賛成票を記録できません: %2</translation>
    </message>
    <message>
        <source>Cannot take back the upvote of question %1: %2</source>
        <translation>質問 %1 への賛成票を取り消せません: %2</translation>
    </message>
    <message>
        <source>a question cannot be merged into itself</source>
        <translation>質問をそれ自身に統合することはできません</translation>
    </message>
    <message>
        <source>the questions belong to different sessions</source>
        <translation>質問が別々のセッションに属しています</translation>
    </message>
    <message>
        <source>question %1 is already merged into question %2</source>
        <translation>質問 %1 はすでに質問 %2 に統合されています</translation>
    </message>
    <message>
        <source>question %1 is itself merged into question %2</source>
        <translation>質問 %1 自体が質問 %2 に統合されています</translation>
    </message>
    <message>
        <source>Cannot merge question %1 into question %2: %3</source>
        <translation>質問 %1 を質問 %2 に統合できません: %3</translation>
    </message>
    <message>
        <source>Cannot read the upvotes of session %1: %2</source>
        <translation>セッション %1 の賛成票を読み込めません: %2</translation>
    </message>
    <message>
        <source>question %1: %2</source>
        <translation>質問 %1: %2</translation>
    </message>
    <message>
        <source>Cannot change the state of the questions: %1</source>
        <translation>質問の状態を変更できません: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::RenderCache</name>
    <message>
        <source>Page %1 cannot be read from the PDF file.</source>
        <translation>PDF ファイルからページ %1 を読み込めません。</translation>
    </message>
    <message>
        <source>Page %1 has no size.</source>
        <translation>ページ %1 にサイズがありません。</translation>
    </message>
    <message>
        <source>Page %1 could not be drawn.</source>
        <translation>ページ %1 を描画できませんでした。</translation>
    </message>
    <message>
        <source>Page %1 does not exist in this deck.</source>
        <translation>このスライド資料にページ %1 はありません。</translation>
    </message>
    <message>
        <source>No deck is open.</source>
        <translation>スライド資料が開かれていません。</translation>
    </message>
    <message>
        <source>There is no room to draw page %1.</source>
        <translation>ページ %1 を描画する領域がありません。</translation>
    </message>
    <message>
        <source>The PDF cannot be read.</source>
        <translation>PDF を読み込めません。</translation>
    </message>
    <message>
        <source>Page %1 of the PDF is damaged and cannot be shown.</source>
        <translation>PDF のページ %1 は破損しているため表示できません。</translation>
    </message>
</context>
<context>
    <name>Lectern::ResultChart</name>
    <message>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <source>No answers.</source>
        <translation>回答はありません。</translation>
    </message>
    <message>
        <source>More answers, not shown here: %1.</source>
        <translation>ここに表示していない回答: %1 件。</translation>
    </message>
    <message>
        <source>Answers hidden by the moderator, left out: %1.</source>
        <translation>モデレーターが非表示にしたため省略した回答: %1 件。</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>Voters: %1</source>
        <translation>投票者数: %1</translation>
    </message>
    <message>
        <source>not opened</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>%1 · still open</source>
        <translation>%1 · 受付中</translation>
    </message>
    <message>
        <source>%1 · closed</source>
        <translation>%1 · 締切済み</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Mean: %1 · ratings: %2</source>
        <translation>平均: %1 · 評価数: %2</translation>
    </message>
    <message>
        <source>No ratings.</source>
        <translation>評価はありません。</translation>
    </message>
</context>
<context>
    <name>Lectern::ServerLimits</name>
    <message>
        <source>Setting %1 = &quot;%2&quot;: give a whole number of at least %3.</source>
        <translation>設定 %1 = 「%2」: %3 以上の整数を指定してください。</translation>
    </message>
    <message>
        <source>Setting %1 = &quot;%2&quot;: give BURST/PER_SECOND, for example &quot;20/1&quot; (a burst of at least 1, a positive rate).</source>
        <translation>設定 %1 = 「%2」: BURST/PER_SECOND の形で指定してください (例: 「20/1」。BURST は 1 以上、PER_SECOND は正の数)。</translation>
    </message>
</context>
<context>
    <name>Lectern::ServerPanel</name>
    <message>
        <source>Let phones join</source>
        <translation>スマートフォンの参加を許可</translation>
    </message>
    <message>
        <source>Starts or stops the audience server on this laptop</source>
        <translation>このノート PC 上の参加者用サーバーを開始／停止します</translation>
    </message>
    <message>
        <source>The network phones join through: the one the room&apos;s phones are on</source>
        <translation>スマートフォンが参加に使うネットワーク。会場のスマートフォンが接続しているものを選びます</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Listening on port %1</source>
        <translation>ポート %1 で待ち受け中</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>Stopped: phones cannot join</source>
        <translation>停止中: スマートフォンから参加できません</translation>
    </message>
    <message>
        <source>No network: phones cannot join. Connect this laptop to the venue Wi-Fi or start its own hotspot; the slides keep working.</source>
        <translation>ネットワークなし: スマートフォンから参加できません。このノート PC を会場の Wi-Fi に接続するか、ノート PC のホットスポットを起動してください。スライドはそのまま使えます。</translation>
    </message>
    <message>
        <source>Join at %1</source>
        <translation>参加先: %1</translation>
    </message>
    <message>
        <source>Phones connected: %1</source>
        <translation>接続中のスマートフォン: %1</translation>
    </message>
    <message>
        <source>Phones can&apos;t connect?
• Phones must be on the same network as this laptop.
• Venue Wi-Fi often keeps devices from reaching each other (client isolation). Fix: start this laptop&apos;s own hotspot and have the room join it.
• A firewall on this laptop may block port %1. Fix: allow incoming TCP connections on port %1.</source>
        <translation>スマートフォンが接続できない場合
• スマートフォンはこのノート PC と同じネットワークに接続している必要があります。
• 会場の Wi-Fi では端末同士の通信が遮断されていることがよくあります（クライアント分離）。対処: このノート PC のホットスポットを起動し、参加者にそれに接続してもらいます。
• このノート PC のファイアウォールがポート %1 をブロックしている可能性があります。対処: ポート %1 への TCP の受信接続を許可してください。</translation>
    </message>
    <message>
        <source>• Phones that reach this laptop through a router (NAT) all come from one address, and at most %1 connections may. Fix: put this laptop on the phones&apos; Wi-Fi, or raise maxConnectionsPerAddress in the [audience] settings.</source>
        <translation>• ルーター (NAT) を経由してこのノート PC に届くスマートフォンはすべて同じアドレスから来るため、接続は %1 までです。対処: このノート PC をスマートフォンと同じ Wi-Fi につなぐか、[audience] 設定の maxConnectionsPerAddress を増やしてください。</translation>
    </message>
    <message>
        <source>Moderator link</source>
        <translation>モデレーター用リンク</translation>
    </message>
    <message>
        <source>Moderate here…</source>
        <translation>ここでモデレーション…</translation>
    </message>
    <message>
        <source>Open the moderator page in a window of this app (%1)</source>
        <translation>モデレーターページをこのアプリのウィンドウで開く（%1）</translation>
    </message>
    <message>
        <source>Whoever has this link can moderate the questions: approve, hide, pin, merge and block. Give it only to the organizer. The projector never shows it.</source>
        <translation>このリンクを知っている人は誰でも質問のモデレーションができます（承認・非表示・ピン留め・統合・ブロック）。主催者にだけ渡してください。プロジェクターには表示されません。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Show link</source>
        <translation>リンクを表示</translation>
    </message>
    <message>
        <source>Hide the moderator link and its QR code</source>
        <translation>モデレーター用リンクとその QR コードを非表示にする</translation>
    </message>
    <message>
        <source>Show the moderator link and its QR code, for a tablet</source>
        <translation>タブレットで使えるよう、モデレーター用リンクとその QR コードを表示</translation>
    </message>
    <message>
        <source>The link works once phones can join (the server is on).</source>
        <translation>このリンクは、スマートフォンが参加できる状態（サーバーが起動中）になると使えます。</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>スマートフォン</translation>
    </message>
    <message>
        <source>Network for phones</source>
        <translation>スマートフォンが使うネットワーク</translation>
    </message>
    <message>
        <source>QR code of the join link</source>
        <translation>参加リンクの QR コード</translation>
    </message>
    <message>
        <source>QR code of the moderator link</source>
        <translation>モデレーター用リンクの QR コード</translation>
    </message>
    <message>
        <source>Hide the moderator link</source>
        <translation>モデレーター用リンクを非表示にする</translation>
    </message>
    <message>
        <source>Show the moderator link</source>
        <translation>モデレーター用リンクを表示</translation>
    </message>
</context>
<context>
    <name>Lectern::SettingsDialog</name>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>（キーなし）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Lectern — Settings</source>
        <translation>Lectern — 設定</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>設定のページ</translation>
    </message>
    <message>
        <source>&amp;Timing</source>
        <translation>時間(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>一般(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>キー操作(&amp;K)</translation>
    </message>
    <message>
        <source>Settings apply from the next time Lectern starts. The command line, an event file and a deck&apos;s .pdfpc beat the default times.</source>
        <translation>設定は次回 Lectern を起動したときから反映されます。コマンドライン、イベントファイル、スライド資料の .pdfpc での指定は、既定の時間より優先されます。</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>既定値に戻す</translation>
    </message>
    <message>
        <source>OK: save the settings</source>
        <translation>OK: 設定を保存</translation>
    </message>
    <message>
        <source>Cancel: keep the settings as they were</source>
        <translation>キャンセル: 設定を変更しない</translation>
    </message>
    <message>
        <source>The settings file has values that do not read; their defaults are shown:
%1</source>
        <translation>設定ファイルに読み取れない値があります。代わりに既定値を表示しています:
%1</translation>
    </message>
    <message>
        <source>For a deck without an event file. Its .pdfpc, an event file and --talk, --qa or --warn beat these.</source>
        <translation>イベントファイルなしでスライド資料を開くときに使います。スライド資料の .pdfpc、イベントファイル、--talk・--qa・--warn の指定はこれより優先されます。</translation>
    </message>
    <message>
        <source>Talk time in minutes</source>
        <translation>講演時間（分）</translation>
    </message>
    <message>
        <source>Q&amp;A time in minutes</source>
        <translation>質疑応答の時間（分）</translation>
    </message>
    <message>
        <source>Warning before the end of the talk, in minutes</source>
        <translation>講演終了の何分前に警告するか</translation>
    </message>
    <message>
        <source>T&amp;alk time:</source>
        <translation>講演時間(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Q&amp;&amp;A time:</source>
        <translation>質疑応答の時間(&amp;Q):</translation>
    </message>
    <message>
        <source>&amp;Warn before the end:</source>
        <translation>終了前の警告(&amp;W):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>システムの設定</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>システムの設定（%1）</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>Projector screen</source>
        <translation>プロジェクター用の画面</translation>
    </message>
    <message>
        <source>Automatic (a screen other than the console&apos;s)</source>
        <translation>自動（発表者コンソール以外の画面）</translation>
    </message>
    <message>
        <source>&amp;Projector screen:</source>
        <translation>プロジェクター用の画面(&amp;P):</translation>
    </message>
    <message>
        <source>Audience server port</source>
        <translation>参加者用サーバーのポート</translation>
    </message>
    <message>
        <source>Automatic (the event&apos;s last port, else 8080)</source>
        <translation>自動（イベントで前回使ったポート、なければ 8080）</translation>
    </message>
    <message>
        <source>Audience &amp;port:</source>
        <translation>参加者用サーバーのポート(&amp;P):</translation>
    </message>
    <message>
        <source>With a port chosen here, a port already taken is an error, as with --listen (which beats this setting).</source>
        <translation>ここでポートを指定した場合、--listen と同じく、そのポートが使用中だとエラーになります（--listen はこの設定より優先されます）。</translation>
    </message>
    <message>
        <source>Key table</source>
        <translation>キー割り当ての一覧</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Keys of the selected action</source>
        <translation>選択した操作のキー</translation>
    </message>
    <message>
        <source>&amp;Remove key</source>
        <translation>キーを削除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected key</source>
        <translation>選択したキーを削除</translation>
    </message>
    <message>
        <source>&amp;Default keys</source>
        <translation>既定のキーに戻す(&amp;D)</translation>
    </message>
    <message>
        <source>Default keys of the selected action</source>
        <translation>選択した操作のキーを既定に戻す</translation>
    </message>
    <message>
        <source>&amp;New key (press it here):</source>
        <translation>新しいキー（ここで押す）(&amp;N):</translation>
    </message>
    <message>
        <source>New key for the selected action: press it</source>
        <translation>選択した操作の新しいキー: キーを押してください</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1（未接続）</translation>
    </message>
    <message>
        <source>Choose an action in the table first.</source>
        <translation>先に一覧から操作を選んでください。</translation>
    </message>
    <message>
        <source>Choose an action in the table to change its keys.</source>
        <translation>キーを変更するには、一覧から操作を選んでください。</translation>
    </message>
    <message>
        <source>Keys for “%1”:</source>
        <translation>「%1」のキー:</translation>
    </message>
</context>
<context>
    <name>Lectern::SettingsStore</name>
    <message>
        <source>Cannot read the setting %1: %2</source>
        <translation>設定 %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot save the setting %1: %2</source>
        <translation>設定 %1 を保存できません: %2</translation>
    </message>
</context>
<context>
    <name>Lectern::SlideDeck</name>
    <message>
        <source>Cannot open %1: the file does not exist.</source>
        <translation>%1 を開けません: ファイルが存在しません。</translation>
    </message>
    <message>
        <source>Cannot open %1: it is a folder, not a PDF file.</source>
        <translation>%1 を開けません: PDF ファイルではなくフォルダーです。</translation>
    </message>
    <message>
        <source>Cannot open %1: the file cannot be read (%2).</source>
        <translation>%1 を開けません: ファイルを読み込めません（%2）。</translation>
    </message>
    <message>
        <source>Cannot open %1: the file is empty.</source>
        <translation>%1 を開けません: ファイルが空です。</translation>
    </message>
    <message>
        <source>Cannot open %1: this is not a PDF file.</source>
        <translation>%1 を開けません: PDF ファイルではありません。</translation>
    </message>
    <message>
        <source>Cannot open %1: the PDF file is truncated.</source>
        <translation>%1 を開けません: PDF ファイルが途中で切れています。</translation>
    </message>
    <message>
        <source>Cannot open %1: the PDF file is damaged.</source>
        <translation>%1 を開けません: PDF ファイルが破損しています。</translation>
    </message>
    <message>
        <source>%1 is protected by a password.</source>
        <translation>%1 はパスワードで保護されています。</translation>
    </message>
    <message>
        <source>Cannot open %1: the password is wrong.</source>
        <translation>%1 を開けません: パスワードが違います。</translation>
    </message>
    <message>
        <source>Cannot open %1: the PDF has no pages, or its list of pages is damaged.</source>
        <translation>%1 を開けません: PDF にページがないか、ページ一覧が破損しています。</translation>
    </message>
    <message>
        <source>The notes file %1 cannot be read (%2); the deck opened without it.</source>
        <translation>スピーカーノートのファイル %1 を読み込めません（%2）。スライド資料はノートなしで開きました。</translation>
    </message>
    <message>
        <source>The notes file %1 was ignored: %2</source>
        <translation>スピーカーノートのファイル %1 は無視されました: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: none of its pages can be read.</source>
        <translation>%1 を開けません: 読み込めるページが 1 つもありません。</translation>
    </message>
</context>
<context>
    <name>Lectern::SlideView</name>
    <message>
        <source>This slide could not be drawn: %1</source>
        <translation>このスライドを描画できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::StageStore</name>
    <message>
        <source>Cannot record the event&apos;s plan: %1</source>
        <translation>イベントの予定を記録できません: %1</translation>
    </message>
    <message>
        <source>Cannot read the event&apos;s plan: %1</source>
        <translation>イベントの予定を読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot record the session on stage: %1</source>
        <translation>進行中のセッションを記録できません: %1</translation>
    </message>
    <message>
        <source>Cannot read the session on stage: %1</source>
        <translation>進行中のセッションを読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot record where session %1 stands: %2</source>
        <translation>セッション %1 の進行状況を記録できません: %2</translation>
    </message>
    <message>
        <source>Cannot read where session %1 stands: %2</source>
        <translation>セッション %1 の進行状況を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot record the start of session %1: %2</source>
        <translation>セッション %1 の開始を記録できません: %2</translation>
    </message>
    <message>
        <source>Cannot record the end of session %1: %2</source>
        <translation>セッション %1 の終了を記録できません: %2</translation>
    </message>
    <message>
        <source>Cannot forget the run of session %1: %2</source>
        <translation>セッション %1 の実施記録を消去できません: %2</translation>
    </message>
    <message>
        <source>Cannot read the sessions&apos; times: %1</source>
        <translation>セッションの時刻を読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot record the slide shown: %1</source>
        <translation>表示したスライドを記録できません: %1</translation>
    </message>
    <message>
        <source>Cannot record the slide left: %1</source>
        <translation>スライドから移った時刻を記録できません: %1</translation>
    </message>
    <message>
        <source>Cannot read the slide times: %1</source>
        <translation>スライドの時刻を読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot read what session %1 recorded: %2</source>
        <translation>セッション %1 の記録を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot read when the event last changed: %1</source>
        <translation>イベントの最終更新時刻を読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot renumber the sessions: %1</source>
        <translation>セッションの番号を振り直せません: %1</translation>
    </message>
</context>
<context>
    <name>Lectern::Timing</name>
    <message>
        <source>&quot;%1&quot; is not a duration: write for example 15m, 90s, 1h30m, or 20 for 20 minutes (at most a day).</source>
        <translation>&quot;%1&quot; は時間として解釈できません。15m、90s、1h30m、または 20（20 分）のように指定してください（最大 1 日）。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>%1: session %2 names no deck</source>
        <translation>%1: セッション %2 にスライド資料が指定されていません</translation>
    </message>
    <message>
        <source>%1: the event has no sessions to present</source>
        <translation>%1: 発表するセッションがありません</translation>
    </message>
    <message>
        <source>lectern: the settings were the defaults already (%1 has none); nothing to reset.</source>
        <translation>lectern: 設定はすでに既定値です（%1 に設定はありません）。リセットするものはありません。</translation>
    </message>
    <message>
        <source>lectern: settings reset to the defaults; removed from %1: %2</source>
        <translation>lectern: 設定を既定値に戻しました。%1 から削除した項目: %2</translation>
    </message>
</context>
</TS>
