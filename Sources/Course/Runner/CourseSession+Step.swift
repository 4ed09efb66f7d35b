import Tutor

extension CourseSession {
  /// The task and the quiz of a step, as shown when it opens.
  func assignment(_ step: LessonStep, done: Bool) -> [Output] {
    var task: [String] = []
    var quiz: [String] = []
    if let t = step.task {
      task = ["", "Task: \(shown(t.text, line: t.line))"]
      if !done { task.append("  (`hint` if you are stuck, `check` to see where you stand)") }
    }
    if let q = step.quiz {
      // A question about the task's result waits for it.
      quiz = step.quizAwaitsTask && !done && !taskSolved
        ? ["", "A question follows once the task is done."] : question(q, done: done)
    }
    // Shown in the order the lesson gives them.
    var lines = (step.quiz?.line ?? 0) < (step.task?.line ?? 0) ? quiz + task : task + quiz
    if done { lines += ["", "✓ You have done this step before: do it again, or `next` to go on."] }
    return [.text(lines)]
  }

  /// The next hint of the open step's task; after the last one, the last one again.
  func hint() -> CourseResponse {
    guard let step = currentStep else { return failure("no lesson is open: `lesson 1` starts the first") }
    guard let task = step.task, !task.hints.isEmpty else {
      return failure("this step has no task to hint at; its question explains every choice once you answer")
    }
    let i = min(hintsShown, task.hints.count - 1)
    hintsShown += 1
    let last = i == task.hints.count - 1
    let label = "Hint \(i + 1) of \(task.hints.count)" + (last && hintsShown > task.hints.count ? " (that was the last)" : "")
    return CourseResponse(outputs: [.text(["\(label): \(task.hints[i].text)"])])
  }

  /// Where the open step's task stands, with the values of the quantities its check names.
  func check() -> CourseResponse {
    guard let position, let step = currentStep else { return failure("no lesson is open: `lesson 1` starts the first") }
    guard let task = step.task else {
      return CourseResponse(outputs: [.line("This step has a question rather than a task: answer it with its letter.")])
    }
    guard let expression = task.check else { return failure("this task's check is broken; the lesson needs fixing") }
    let values = expression.quantities.map { name -> String in
      switch reader.value(of: name) {
      case .value(let v): return "\(name) = \(v)"
      case .unavailable(let why): return "\(name): \(why)"
      }
    }
    let numbers = values.isEmpty ? "" : " (" + values.joined(separator: ", ") + ")"
    let verdict: String
    switch expression.holds(reader.value) {
    case .success(true): verdict = "holds ✓"
    case .success(false):
      verdict = taskSolved || isDone(position) ? "does not hold now, but it did: the task is done" : "not yet"
    case .failure: verdict = "cannot tell yet"
    }
    return CourseResponse(outputs: [.line("Check `\(task.checkSource)`: \(verdict)\(numbers)")])
  }

  /// Takes a quiz answer by its letter and explains it.
  func answer(_ key: String) -> CourseResponse {
    if review != nil { return reviewAnswer(key) }
    guard let step = currentStep else { return failure("no lesson is open: `lesson 1` starts the first") }
    if predictionPending { return guess(key) }
    guard let quiz = step.quiz else { return failure("this step has no question to answer") }
    if step.quizAwaitsTask && !taskSolved, let position, !isDone(position) {
      return failure("first the task: the question is about what it brings out")
    }
    guard let index = quiz.index(ofKey: key) else {
      return failure("answer with a letter from a to \(Quiz.key(quiz.choices.count - 1))")
    }
    let choice = quiz.choices[index]
    var response = CourseResponse(events: [.answered(correct: choice.isCorrect)])
    if choice.isCorrect {
      quizSolved = true
      response.say("\(Quiz.key(index))) ✓ \(shown(choice.explanation, line: choice.line))")
    } else {
      response.say("\(Quiz.key(index))) ✗ \(shown(choice.explanation, line: choice.line)) Try another letter.")
    }
    return response
  }

  /// After a command: if the open step's check now holds (and its quiz is answered), the step
  /// is marked done, and the lesson too when it was the last step left.
  func evaluateStep() -> CourseResponse {
    guard let position, let step = currentStep, !isDone(position), !predictionPending else { return CourseResponse() }
    var response = CourseResponse()
    if let task = step.task, !taskSolved, let check = task.check, case .success(true) = check.holds(reader.value) {
      taskSolved = true
      // A prediction that no demo revealed is revealed by the task.
      if let p = step.prediction, !CourseSession.revealsByDemos(step, p) { response.outputs.append(.text(outcomeLines(p))) }
      if let quiz = step.quiz, !quizSolved {
        if step.quizAwaitsTask {
          response.outputs.append(.text(["✓ Task done. Now the question:"] + question(quiz, done: false).dropFirst()))
        } else {
          response.say("✓ Task done. Now the question: answer it with its letter.")
        }
      }
    }
    guard step.task == nil || taskSolved, step.quiz == nil || quizSolved else { return response }
    let lesson = course.lessons[position.lesson]
    progress.markDone(lesson.name, step: position.step)
    response.events.append(.stepDone(lesson: lesson.name, step: position.step))
    var state = progress.state(lesson.name)
    let missing = lesson.steps.indices.filter { !state.doneSteps.contains($0) }
    if missing.isEmpty {
      state.completed = true
      if state.completedAt == nil { state.completedAt = now() }
      progress.lessons[lesson.name] = state
      response.events.append(.lessonDone(lesson.name))
      response.say("✓ Step \(position.step + 1) done.", "✓ Lesson \(position.lesson + 1), \(lesson.title), is complete.")
      if position.lesson + 1 < course.lessons.count {
        let following = course.lessons[position.lesson + 1]
        response.say("`next` starts lesson \(position.lesson + 2): \(following.title).")
      } else {
        response.say("That was the last lesson of the course. Well done.")
      }
    } else if position.step + 1 < lesson.steps.count {
      response.say("✓ Step \(position.step + 1) done. `next` for step \(position.step + 2): \(lesson.steps[position.step + 1].title).")
    } else {
      let list = missing.map { String($0 + 1) }.joined(separator: ", ")
      response.say("✓ Step \(position.step + 1) done. Still to do in this lesson: step \(list) (`back` to get there).")
    }
    response.outputs += save()
    return response
  }
}
