import Tutor

extension CourseSession {
  /// Opens where the learner left off, or the first lesson not yet completed; the first
  /// time, the review questions that are due come first.
  public func start() -> CourseResponse {
    var response = CourseResponse()
    if let startupWarning { response.outputs.append(.error(startupWarning)) }
    guard !course.lessons.isEmpty else {
      response.outputs.append(.error("no lessons found in \(course.directory)"))
      return response
    }
    if !reviewOffered, let round = beginReview() {
      response.append(round)
      return response
    }
    response.append(resume())
    return response
  }

  /// Opens where the learner left off, or the first lesson not yet completed.
  func resume() -> CourseResponse {
    var response = CourseResponse()
    if let name = progress.currentLesson, let index = course.lessons.firstIndex(where: { $0.name == name }) {
      // NB: a new start reopens where the learner was, its done steps still done (a
      // finished course on its last step); only a lesson opened again by name starts over.
      if course.lessons.allSatisfy({ progress.state($0.name).completed }) {
        response.say("You have completed the course: every lesson is done. `lessons` lists them; `lesson NAME` opens one again.")
      }
      response.append(open(lesson: index, startOver: false))
      return response
    }
    let first = course.lessons.firstIndex { !progress.state($0.name).completed } ?? 0
    response.append(open(lesson: first))
    return response
  }

  /// Opens a lesson by name or number; nil when there is no such lesson.
  public func open(lesson word: String) -> CourseResponse? {
    course.lessonIndex(word).map { open(lesson: $0) }
  }

  /// Opens lesson `index` where the learner left it; a completed lesson starts over unless
  /// `startOver` is false.
  ///
  /// The settings are made fresh and the lesson's `setup:` commands run first, so nothing
  /// leaks in from an earlier lesson. To open at a later step, the session is then brought to
  /// where that step expects it: the setup, the demos and the last hint's commands of every
  /// earlier step are run quietly.
  func open(lesson index: Int, startOver: Bool = true) -> CourseResponse {
    // A lesson opened by name or number leaves a review under way for next time.
    review = nil
    let lesson = course.lessons[index]
    guard !lesson.steps.isEmpty else { return failure("lesson \(lesson.name) has no steps") }
    var state = progress.state(lesson.name)
    if startOver && state.completed && state.doneSteps.count >= lesson.steps.count {
      state.doneSteps = []
      state.step = 0
      state.predictions = nil
      progress.lessons[lesson.name] = state
    }
    let step = min(max(0, state.step), lesson.steps.count - 1)
    var response = CourseResponse()
    response.say("", "Lesson \(index + 1): \(lesson.title)", "Goal: \(lesson.goal)")
    position = CoursePosition(lesson: index, step: step)
    response.append(applySetup(lesson.setup, label: "Lesson \(index + 1)"))
    if step > 0 {
      replay(lesson, upTo: step)
      response.say("(resuming at step \(step + 1): the commands of steps 1 to \(step) were run again to set the scene)")
    }
    response.append(openStep(CoursePosition(lesson: index, step: step)))
    return response
  }

  /// Runs the demos and the last hint's commands of steps 0..<end, without showing anything.
  func replay(_ lesson: Lesson, upTo end: Int) {
    for step in lesson.steps.prefix(end) {
      if !step.setup.isEmpty { _ = applySetup(step.setup, label: "") }
      for demo in step.demos { _ = session.execute(line: demo.command) }
      for command in step.task?.hints.last?.commands ?? [] where !isLessonCommand(command) {
        _ = session.execute(line: command)
      }
    }
  }

  /// Shows a step and runs its demos.
  func openStep(_ target: CoursePosition) -> CourseResponse {
    position = target
    hintsShown = 0
    taskSolved = false
    quizSolved = false
    let lesson = course.lessons[target.lesson]
    progress.setStep(lesson.name, target.step)
    var response = CourseResponse(events: [.stepOpened(lesson: lesson.name, step: target.step)])
    let step = lesson.steps[target.step]
    response.say("", "── Step \(target.step + 1) of \(lesson.steps.count): \(step.title) ──")
    if !step.setup.isEmpty {
      response.append(applySetup(step.setup, label: "Step \(target.step + 1)"))
    }
    predicted = step.prediction == nil ? nil : progress.state(lesson.name).predictions?[target.step]
    guard let prediction = step.prediction else {
      response.append(runBlocks(step.blocks[...], step: step))
      response.outputs += assignment(step, done: isDone(target))
      response.outputs += save()
      return response
    }
    // What follows the prediction waits for it.
    response.append(runBlocks(step.blocks.prefix(prediction.blockIndex), step: step))
    response.outputs.append(.text(predictionLines(prediction)))
    if predicted != nil {
      response.append(reveal(step, prediction))
      response.outputs += assignment(step, done: isDone(target))
    }
    response.outputs += save()
    return response
  }

  /// Shows prose and runs demos, in order.
  func runBlocks(_ blocks: ArraySlice<LessonStep.Block>, step: LessonStep) -> CourseResponse {
    var response = CourseResponse()
    var prose: [String] = []
    for block in blocks {
      switch block {
      case .paragraph(let text): CourseSession.add([shown(text, line: step.line)], to: &prose)
      case .preformatted(let lines): CourseSession.add(lines, to: &prose)
      case .demo(let command, let line):
        response.outputs.append(.text(prose + ["› \(command)"]))
        prose = []
        let outputs = session.execute(line: command)
        response.outputs += outputs
        for case .error(let message) in outputs {
          response.events.append(.demoFailed(line: line, command: command, message: message))
        }
      }
    }
    if !prose.isEmpty { response.outputs.append(.text(prose)) }
    return response
  }

  /// Whether a step is marked done in the progress.
  func isDone(_ p: CoursePosition) -> Bool {
    progress.state(course.lessons[p.lesson].name).doneSteps.contains(p.step)
  }

  /// The next step; at the end of a lesson, the next lesson. An undone task is solved for the
  /// learner first (its last hint's commands, shown), so the next step finds what it expects.
  func next() -> CourseResponse {
    guard let position else { return start() }
    var response = CourseResponse()
    let lesson = course.lessons[position.lesson]
    if predictionPending, let step = currentStep, let p = step.prediction {
      response.say("Going on without a prediction:")
      response.append(reveal(step, p))
    }
    if let task = currentStep?.task, !isDone(position), !taskSolved {
      response.say("Skipping this task. Here is how it is done:")
      for command in task.hints.last?.commands ?? [] where !isLessonCommand(command) {
        response.say("› \(command)")
        response.outputs += session.execute(line: command)
      }
    }
    if position.step + 1 < lesson.steps.count {
      response.append(openStep(CoursePosition(lesson: position.lesson, step: position.step + 1)))
      return response
    }
    guard position.lesson + 1 < course.lessons.count else {
      response.say("That was the last step of the last lesson. `lessons` lists them all; `lesson NAME` opens one again.")
      return response
    }
    // NB: a lesson that is moved into starts at its saved step, so reset it to the first.
    let nextLesson = course.lessons[position.lesson + 1]
    var state = progress.state(nextLesson.name)
    state.step = 0
    progress.lessons[nextLesson.name] = state
    response.append(open(lesson: position.lesson + 1))
    return response
  }

  /// The step before, opened again (its demos run again).
  func back() -> CourseResponse {
    guard let position else { return failure("no lesson is open: `lessons` lists them, `lesson 1` starts") }
    guard position.step > 0 else { return failure("this is the first step of the lesson") }
    return openStep(CoursePosition(lesson: position.lesson, step: position.step - 1))
  }

  /// The open step's text and task again, without running its demos.
  func reshow() -> CourseResponse {
    if review != nil { return reviewCommand([]) }
    guard let position, let lesson = currentLesson, let step = currentStep else {
      // No lesson open yet: go on where the learner left off, or begin.
      return start()
    }
    var response = CourseResponse()
    response.say("Lesson \(position.lesson + 1): \(lesson.title) · step \(position.step + 1) of \(lesson.steps.count): \(step.title)")
    var prose: [String] = []
    let shownBlocks = predictionPending ? step.blocks.prefix(step.prediction?.blockIndex ?? 0) : step.blocks[...]
    for block in shownBlocks {
      switch block {
      case .paragraph(let text): CourseSession.add([shown(text, line: step.line)], to: &prose)
      case .preformatted(let lines): CourseSession.add(lines, to: &prose)
      case .demo(let command, _): prose.append("› \(command)   (ran when the step opened)")
      }
    }
    response.outputs.append(.text(prose))
    if let p = step.prediction { response.outputs.append(.text(predictionLines(p))) }
    if !predictionPending { response.outputs += assignment(step, done: isDone(position)) }
    return response
  }

  /// Appends a paragraph to the prose shown so far, a blank line after the previous one.
  static func add(_ paragraph: [String], to prose: inout [String]) {
    if let last = prose.last, !last.isEmpty, !last.hasPrefix("›") { prose.append("") }
    prose += paragraph
  }
}
