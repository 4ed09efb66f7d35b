import Testing
import Tutor

@Suite struct CommandParserTests {
  func parse(_ line: String) throws -> Command? { try CommandParser.parse(line) }

  func message(_ line: String) -> String? {
    do {
      _ = try CommandParser.parse(line)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func parsesEveryCommandForm() throws {
    #expect(try parse("help") == .help(nil))
    #expect(try parse("help train") == .help("train"))
    #expect(try parse("data apartments noise=0.3 n=50 seed=4") == .data(name: "apartments", options: ["noise": "0.3", "n": "50", "seed": "4"]))
    #expect(try parse("model 784-128-64-10 activation=tanh init=xavier") == .model(spec: "784-128-64-10", options: ["activation": "tanh", "init": "xavier"]))
    #expect(try parse("set lr 0.1") == .set(name: "lr", value: "0.1"))
    #expect(try parse("SET LR 0.1") == .set(name: "lr", value: "0.1"))
    #expect(try parse("show hyper") == .show("hyper"))
    #expect(try parse("step") == .step(1))
    #expect(try parse("step 12") == .step(12))
    #expect(try parse("train") == .train(.untilStopped))
    #expect(try parse("train 200") == .train(.steps(200)))
    #expect(try parse("train 3 epochs") == .train(.epochs(3)))
    #expect(try parse("train 1 epoch") == .train(.epochs(1)))
    #expect(try parse("train 50 steps") == .train(.steps(50)))
    #expect(try parse("eval fresh") == .evalFresh)
    #expect(try parse("crossval 5") == .crossValidate(folds: 5, epochs: 3))
    #expect(try parse("crossval 4 epochs=2000") == .crossValidate(folds: 4, epochs: 2000))
    #expect(try parse("eval") == .eval)
    #expect(try parse("predict 75") == .predict(.value(75)))
    #expect(try parse("predict #12") == .predict(.example(12)))
    #expect(try parse("plot probs #3") == .plot(kind: "probs", index: 3))
    #expect(try parse("plot loss") == .plot(kind: "loss", index: nil))
    #expect(try parse("rewind") == .rewind(1))
    #expect(try parse("rewind 10") == .rewind(10))
    #expect(try parse("fork fast") == .fork("fast"))
    #expect(try parse("compare main fast") == .compare("main", "fast"))
    #expect(try parse("save \"my model.mlt\"") == .save("my model.mlt"))
    #expect(try parse("export pytorch run.py") == .export(format: "pytorch", path: "run.py"))
    #expect(try parse("quit") == .quit)
    #expect(try parse("challenges") == .challenges)
    #expect(try parse("challenge Digits") == .challenge("digits"))
    #expect(try parse("submit") == .submit)
  }

  @Test func blankLinesAndCommentsAreNothing() throws {
    #expect(try parse("") == nil)
    #expect(try parse("   ") == nil)
    #expect(try parse("# a comment") == nil)
    #expect(try parse("step 2  # two steps") == .step(2))
  }

  @Test func unknownCommandsSuggestTheClosest() {
    #expect(message("trian") == "unknown command 'trian': did you mean `train`?")
    #expect(message("stpe 3") == "unknown command 'stpe': did you mean `step`?")
    #expect(message("xyzzy") == "unknown command 'xyzzy': type `help` for the list")
  }

  @Test func wrongArgumentsGiveTheUsageLine() {
    #expect(message("set lr") == "usage: set NAME VALUE")
    #expect(message("step zero") == "'zero' is not a count of 1 or more; usage: step [N]")
    #expect(message("step 0") == "'0' is not a count of 1 or more; usage: step [N]")
    #expect(message("train 5 laps") == "'laps' is neither steps nor epochs; usage: train [N steps|epochs]")
    #expect(message("predict seventy") == "'seventy' is not a number; usage: predict VALUE | predict #INDEX")
    #expect(message("predict nan") == "'nan' is not a number; usage: predict VALUE | predict #INDEX")
    #expect(message("data") == "which data set?; usage: data NAME [key=value ...]")
    #expect(message("data apartments noise") == "'noise' should look like key=value; usage: data NAME [key=value ...]")
    #expect(message("model 2-8-2 colour=red")?.hasPrefix("unknown option 'colour'") == true)
    #expect(message("eval now") == "eval takes nothing or `fresh`; usage: eval [fresh]")
    #expect(message("crossval") == "usage: crossval K [epochs=N]")
    #expect(message("crossval 5 rounds=2") == "unknown option 'rounds'; usage: crossval K [epochs=N]")
    #expect(message("crossval five") == "'five' is not a count of 1 or more; usage: crossval K [epochs=N]")
    #expect(message("save \"unclosed") == "the quote at column 6 is never closed")
    #expect(message("export onnx m.onnx") == "only pytorch is known; usage: export pytorch FILE")
  }
}
