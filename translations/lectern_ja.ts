<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>Lectern::CommandLine</name>
    <message>
        <source>Lectern: a presenter console and projector for PDF talks, with a session timer.</source>
        <translation>Lectern: PDF で講演するための発表者コンソールとプロジェクター表示（セッションタイマー付き）。</translation>
    </message>
    <message>
        <source>The PDF deck to present.</source>
        <translation>発表する PDF のスライド資料。</translation>
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
        <source>--%1 takes a duration such as 15m or 90s, not &quot;%2&quot;.</source>
        <translation>--%1 には 15m や 90s のような時間を指定してください（&quot;%2&quot; は指定できません）。</translation>
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
        <source>No deck given: run &quot;lectern deck.pdf&quot;, or &quot;lectern --demo&quot; for the demo.</source>
        <translation>スライド資料が指定されていません。&quot;lectern deck.pdf&quot; のように実行するか、デモを見るには &quot;lectern --demo&quot; を実行してください。</translation>
    </message>
    <message>
        <source>lectern: no display found (DISPLAY and WAYLAND_DISPLAY are not set). Lectern needs a screen; on a machine without one, run it under a virtual display: xvfb-run -a -s &quot;-screen 0 2560x1080x24&quot; lectern --demo</source>
        <translation>lectern: ディスプレイが見つかりません（DISPLAY と WAYLAND_DISPLAY が設定されていません）。Lectern には画面が必要です。画面のないマシンでは仮想ディスプレイ上で実行してください: xvfb-run -a -s &quot;-screen 0 2560x1080x24&quot; lectern --demo</translation>
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
</context>
<context>
    <name>Lectern::DemoDeck</name>
    <message>
        <source>The demo content %1 is missing from this build.</source>
        <translation>このビルドにはデモ用コンテンツ %1 が含まれていません。</translation>
    </message>
    <message>
        <source>The demo content %1 is not valid JSON: %2</source>
        <translation>デモ用コンテンツ %1 は有効な JSON ではありません: %2</translation>
    </message>
    <message>
        <source>Cannot write the demo notes to %1: %2</source>
        <translation>デモ用のスピーカーノートを %1 に書き込めません: %2</translation>
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
        <source>Cannot create the folder %1 for the demo deck.</source>
        <translation>デモ用スライド資料のフォルダー %1 を作成できません。</translation>
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
        <source>Close the help, overview or go-to; else unblank and unfreeze</source>
        <translation>ヘルプ・一覧・スライド移動を閉じる。開いていなければ暗転と静止を解除</translation>
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
        <source>Open another deck</source>
        <translation>別のスライド資料を開く</translation>
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
</context>
<context>
    <name>Lectern::OverviewThumbnail</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
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
        <translation>スピーカーノート</translation>
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
</context>
<context>
    <name>Lectern::ProjectorWindow</name>
    <message>
        <source>Lectern — Projector</source>
        <translation>Lectern — プロジェクター</translation>
    </message>
</context>
<context>
    <name>Lectern::RenderCache</name>
    <message>
        <source>The PDF file can no longer be read.</source>
        <translation>PDF ファイルを読み込めなくなりました。</translation>
    </message>
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
        <source>Cannot open %1: page %2 of the PDF is damaged.</source>
        <translation>%1 を開けません: PDF のページ %2 が破損しています。</translation>
    </message>
</context>
<context>
    <name>Lectern::SlideView</name>
    <message>
        <source>This slide could not be drawn: %1</source>
        <translation>このスライドを描画できませんでした: %1</translation>
    </message>
</context>
</TS>
