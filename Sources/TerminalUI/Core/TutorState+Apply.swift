/// How keys and other events change the state, and what they ask of the live part.
extension TutorState {
  /// Applies one event; returns the effects for the app to carry out.
  /// - Parameter snapshot: the latest session snapshot (whether training runs, the charts).
  public mutating func apply(_ event: InputEvent, snapshot: TutorSnapshot) -> [Effect] {
    switch event {
    case .resize(let w, let h):
      width = w
      height = h
      return []
    case .interrupt:
      return interrupt(snapshot: snapshot)
    default: break
    }
    quitArmed = false
    switch overlay {
    case .help:
      overlay = .none
      return []
    case .confirmQuit:
      return confirmQuit(event)
    case .draw:
      return drawKey(event)
    case .none:
      break
    }
    if editing { return editKey(event) }
    return commandKey(event, snapshot: snapshot)
  }

  /// Keys while the command line is closed: single-key commands.
  mutating func commandKey(_ event: InputEvent, snapshot: TutorSnapshot) -> [Effect] {
    message = nil
    let page = max(1, Layout(width: width, height: height).lesson.height - 2)
    switch event {
    case .character(" "): return [.toggleTraining]
    case .character("n"): return [.run("step")]
    case .character("["): return [.scaleLearningRate(0.5)]
    case .character("]"): return [.scaleLearningRate(2)]
    case .character("-"): return [.changePace(faster: false)]
    case .character("+"), .character("="): return [.changePace(faster: true)]
    case .character("{"): return [.scaleBatch(0.5)]
    case .character("}"): return [.scaleBatch(2)]
    case .character("r"): return [.run("reset")]
    case .character("u"): return [.run("rewind 1")]
    case .character("f"): return [.fork]
    case .character("C"):
      echo("challenges")
      return [.run("challenges")]
    case .character("M"):
      return [.run(snapshot.mistakeCell.map { "plot mistakes \($0.map(String.init).joined(separator: " "))" } ?? "plot mistakes")]
    case .character("?"): overlay = .help
    case .character("q"):
      if snapshot.training || snapshot.busy != nil {
        overlay = .confirmQuit
        return []
      }
      return [.saveHistory, .quit]
    case .character(":"), .key(.enter): editing = true
    case .key(.tab): moveChart(by: 1, snapshot)
    case .key(.backTab): moveChart(by: -1, snapshot)
    case .key(.pageUp): scroll(by: -page)
    case .key(.pageDown): scroll(by: page)
    case .key(.up): scroll(by: -1)
    case .key(.down): scroll(by: 1)
    case .key(.home): scrollTop = 0
    case .key(.end): scrollTop = nil
    case .key(.right): return [.run("next")]
    case .key(.left): return [.run("back")]
    case .character(let c) where c.isLetter || c.isNumber || c == "#":
      if c == "S" && snapshot.reviewOpen { return [.run("review skip")] }
      if snapshot.quizOpen, let key = c.lowercased().first, "abcdeg".contains(key) {
        return [.run("answer \(key)")]
      }
      // Typing starts a command.
      editing = true
      editor.insert(c)
    default: break
    }
    return []
  }

  /// Keys while the command line is open.
  mutating func editKey(_ event: InputEvent) -> [Effect] {
    if event != .key(.tab) { candidates = [] }
    switch event {
    case .character(let c): editor.insert(c)
    case .key(.backspace):
      if editor.text.isEmpty { editing = false } else { editor.backspace() }
    case .key(.delete), .key(.ctrl("d")): editor.deleteForward()
    case .key(.left), .key(.ctrl("b")): editor.moveLeft()
    case .key(.right), .key(.ctrl("f")): editor.moveRight()
    case .key(.home), .key(.ctrl("a")): editor.moveHome()
    case .key(.end), .key(.ctrl("e")): editor.moveEnd()
    case .key(.ctrl("u")): editor.killToStart()
    case .key(.ctrl("k")): editor.killToEnd()
    case .key(.ctrl("w")): editor.deleteWordBackward()
    case .key(.up), .key(.ctrl("p")): editor.historyPrevious()
    case .key(.down), .key(.ctrl("n")): editor.historyNext()
    case .key(.escape):
      _ = editor.submit()
      editing = false
    case .key(.tab):
      let (line, options) = completion.complete(editor.line)
      editor.setText(Array(line))
      candidates = options
    case .key(.enter):
      let line = editor.submit().trimmingSpaces
      editing = false
      guard !line.isEmpty else { return [] }
      return submit(line)
    default: break
    }
    return []
  }

  /// A typed line: `draw` opens the canvas here; everything else goes to the session.
  mutating func submit(_ line: String) -> [Effect] {
    let word = line.split(separator: " ").first.map { $0.lowercased() } ?? ""
    switch word {
    case "draw":
      overlay = .draw
      var effects: [Effect] = [.saveHistory]
      if !canvas.isEmpty { effects.append(.classify(DigitPreparation.prepare(canvas.pixels))) }
      return effects
    case "quit", "exit":
      return [.saveHistory, .quit]
    default:
      echo(line)
      return [.saveHistory, .run(line)]
    }
  }

  /// Shows a command in the lesson pane as it is sent, and follows the end of the pane.
  public mutating func echo(_ line: String) {
    transcript.append(TranscriptLine("› " + line, .command))
    scrollTop = nil
  }

  /// Ctrl-C: stops training (or a long command) and keeps what was learned; at rest, the
  /// first asks for a second, which quits.
  mutating func interrupt(snapshot: TutorSnapshot) -> [Effect] {
    if snapshot.training || snapshot.busy != nil {
      quitArmed = false
      overlay = .none
      editing = false
      message = "Ctrl-C: training stopped; the model keeps what it learned (q quits)"
      messageWhileTraining = false
      return [.stopTraining]
    }
    if quitArmed {
      return [.saveHistory, .quit]
    }
    quitArmed = true
    message = "press Ctrl-C again or q to quit"
    messageWhileTraining = false
    return []
  }

  mutating func confirmQuit(_ event: InputEvent) -> [Effect] {
    switch event {
    case .character("y"), .character("Y"), .character("q"), .key(.enter):
      overlay = .none
      return [.saveHistory, .quit]
    default:
      overlay = .none
      return []
    }
  }
}
