import Foundation
import Charts
import TerminalUI
import Tutor
import Testing

@Suite struct InputTests {
  @Test func cursesCodesDecode() {
    typealias C = KeyDecoder.Code
    #expect(KeyDecoder.decode(C.up, isFunctionKey: true) == .key(.up))
    #expect(KeyDecoder.decode(C.pageDown, isFunctionKey: true) == .key(.pageDown))
    #expect(KeyDecoder.decode(C.backspace, isFunctionKey: true) == .key(.backspace))
    #expect(KeyDecoder.decode(0o777, isFunctionKey: true) == nil)
    #expect(KeyDecoder.decode(3, isFunctionKey: false) == .interrupt)
    #expect(KeyDecoder.decode(13, isFunctionKey: false) == .key(.enter))
    #expect(KeyDecoder.decode(9, isFunctionKey: false) == .key(.tab))
    #expect(KeyDecoder.decode(127, isFunctionKey: false) == .key(.backspace))
    #expect(KeyDecoder.decode(21, isFunctionKey: false) == .key(.ctrl("u")))
    #expect(KeyDecoder.decode(0x61, isFunctionKey: false) == .character("a"))
    #expect(KeyDecoder.decode(0xE9, isFunctionKey: false) == .character("é"))
  }

  @Test func lineEditorEdits() {
    var e = LineEditor()
    e.insert("set lr 01")
    e.moveLeft()
    e.insert(".")
    #expect(e.line == "set lr 0.1")
    e.deleteWordBackward()
    #expect(e.line == "set lr 1")
    e.moveHome()
    e.killToEnd()
    #expect(e.line == "")
    e.insert("step")
    #expect(e.submit() == "step")
    e.insert("tra")
    e.historyPrevious()
    #expect(e.line == "step")
    e.historyNext()
    #expect(e.line == "tra")
  }

  @Test func completion() {
    let c = Completion.standard(extraCommands: ["next", "hint"])
    #expect(c.complete("tra").line == "train ")
    #expect(c.complete("set l").candidates == ["lr", "l1", "l2"])
    #expect(c.complete("set l").line == "set l")
    #expect(c.complete("plot con").line == "plot confusion ")
    #expect(c.complete("zzz").candidates.isEmpty)
  }

  @Test func historyFileIsLibeditsFormat() {
    let text = HistoryFile.format(["set lr 0.1", "a\\b"])
    #expect(text == "_HiStOrY_V2_\nset\\040lr\\0400.1\na\\\\b\n")
    #expect(HistoryFile.parse(text) == ["set lr 0.1", "a\\b"])
  }

  @Test func historyAppendKeepsWhatAnotherProcessSaved() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mltutor-history-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("history").path
    HistoryFile.append(["data apartments"], to: path)  // the tutor
    HistoryFile.save(HistoryFile.load(path) + ["model linear"], to: path)  // a REPL meanwhile
    HistoryFile.append(["set lr 0.1", "train 1 epoch"], to: path)  // the tutor again
    #expect(HistoryFile.load(path) == ["data apartments", "model linear", "set lr 0.1", "train 1 epoch"])
    HistoryFile.append((0..<HistoryFile.limit).map { "step \($0)" }, to: path)
    let kept = HistoryFile.load(path)
    #expect(kept.count == HistoryFile.limit)
    #expect(kept.first == "step 0" && kept.last == "step \(HistoryFile.limit - 1)")
  }

  @Test func colorsMapToWhatTheTerminalHas() {
    #expect(ColorMapper(colors: 256).map(.gray(0.5)) == Int32(Color.gray(0.5).index))
    #expect(ColorMapper(colors: 8).map(.brightRed) == 1)
    #expect(ColorMapper(colors: 8).map(.cube(red: 5, green: 0, blue: 0)) == 1)
    #expect(ColorMapper(colors: 8).map(.gray(0.9)) == 7)
    #expect(ColorMapper(colors: 8).map(nil) == -1)
  }

  @Test func wrapping() {
    let lines = TextWrapper.wrap([TranscriptLine("- one two three four", .prose)], width: 10)
    #expect(lines.map(\.text) == ["- one two", "  three", "  four"])
    let table = TextWrapper.wrap([TranscriptLine("a    b    c", .preformatted)], width: 6)
    #expect(table.map(\.text) == ["a    b", "  c"])
  }
}
