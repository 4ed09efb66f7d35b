import REPL
import Testing

/// Tab completion's candidates for each position of each command.
struct CompleterTests {
  let completer = Completer(dataNames: ["apartments", "mnist-5k", "moons"], runNames: ["fast", "main"])

  @Test func commandNames() {
    #expect(completer.complete(before: "", word: "tr") == .words(["train"]))
    #expect(completer.complete(before: "", word: "s") == .words(["set", "show", "step", "stop", "save", "submit", "search"]))
    #expect(completer.complete(before: "  ", word: "qu") == .words(["quit"]))
  }

  @Test func commandArguments() {
    #expect(completer.complete(before: "set ", word: "l") == .words(["lr", "l1", "l2"]))
    #expect(completer.complete(before: "set optimizer ", word: "") == .words(["sgd", "momentum", "nesterov", "adam"]))
    #expect(completer.complete(before: "data ", word: "m") == .words(["mnist-5k", "moons"]))
    #expect(completer.complete(before: "plot ", word: "b") == .words(["boundary"]))
    #expect(completer.complete(before: "show ", word: "h") == .words(["hyper"]))
    #expect(completer.complete(before: "help ", word: "ev") == .words(["eval"]))
    #expect(completer.complete(before: "use ", word: "") == .words(["fast", "main"]))
    #expect(completer.complete(before: "compare main ", word: "f") == .words(["fast"]))
    #expect(completer.complete(before: "train 3 ", word: "e") == .words(["epochs"]))
    #expect(completer.complete(before: "model 784-10 ", word: "a") == .words(["activation="]))
    #expect(completer.complete(before: "model 784-10 activation=", word: "t") == .words(["tanh"]))
    #expect(completer.complete(before: "export ", word: "") == .words(["pytorch"]))
    #expect(completer.complete(before: "plot landscape ", word: "") == .words(["line"]))
    #expect(completer.complete(before: "plot landscape line ", word: "m") == .words(["main"]))
    #expect(completer.complete(before: "plot landscape line main ", word: "") == .words([]))
    #expect(completer.complete(before: "plot loss ", word: "") == .words([]))
  }

  @Test func filesAfterSaveLoadAndExport() {
    #expect(completer.complete(before: "save ", word: "run") == .files)
    #expect(completer.complete(before: "load ", word: "") == .files)
    #expect(completer.complete(before: "export pytorch ", word: "x") == .files)
  }

  @Test func nothingWhereNothingFits() {
    #expect(completer.complete(before: "eval ", word: "") == .words([]))
    #expect(completer.complete(before: "data apartments ", word: "") == .words([]))
    #expect(completer.complete(before: "set lr ", word: "") == .words([]))
    #expect(completer.complete(before: "", word: "zz") == .words([]))
  }
}
