import { useSubmit } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import type { QuestionContext, QuestionDefinition } from "~/domain/call-questions.ts";
import { answerField, readPostedAnswers } from "~/schemas/answers.ts";

/**
 * The browser's check of the call questions step on Continue: the one answers schema (buildAnswersSchema, the
 * action's own) on what the form holds, errors beside their questions and nothing posted until they are fixed.
 * The schema's module is fetched on the first Continue, so the wizard's pages do not carry it (the founder
 * JavaScript budget); Save and the step links post without the check, the server checking as always.
 */
export function useAnswersCheck(questions: QuestionDefinition[], context: QuestionContext) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = useSubmit();
  /** Handles the event when it is a Continue (a button marked data-validate); false otherwise. */
  const onSubmit = (event: FormEvent<HTMLFormElement>): boolean => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (questions.length === 0 || submitter?.dataset.validate !== "true") return false;
    event.preventDefault();
    const formData = new FormData(event.currentTarget, submitter);
    void import("~/domain/call-questions.ts").then(({ buildAnswersSchema }) => {
      const result = buildAnswersSchema(questions, context, { mode: "submit" }).safeParse(readPostedAnswers(formData));
      const found = result.success
        ? {}
        : Object.fromEntries(result.error.issues.map((issue) => [answerField(String(issue.path[0])), issue.message]));
      setErrors(found);
      if (Object.keys(found).length === 0) submit(formData, { method: "post" });
    });
    return true;
  };
  return { errors, onSubmit };
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key, index) => key === b[index]);

/**
 * The questions shown: what the founder's answers decided, unless the page's data says otherwise. Data read again
 * with the same keys (a revalidation after an autosave or a post, landing while the founder answers) keeps the
 * founder's decision — compared by content, never by identity: a revalidation is always a new array, and an answer
 * given just before it landed would otherwise be undone on screen (a conditional question hidden again while its
 * "yes" stays ticked).
 */
export function liveShownKeys(
  live: { from: readonly string[]; shown: readonly string[] },
  serverShown: readonly string[],
): readonly string[] {
  return sameKeys(live.from, serverShown) ? live.shown : serverShown;
}

/**
 * The questions step's conditional questions, shown and hidden as the founder answers (the server renders
 * each question, a hidden one hidden and disabled, so it is not posted): on each change the answers the
 * form holds decide, by the action's own rule (shownQuestionKeys), fetched with the schema's module.
 * `serverShown` are the keys the page was rendered with; a new page's data resets them.
 */
export function useShownQuestions(questions: QuestionDefinition[], context: QuestionContext, serverShown: string[]) {
  // What the answers on the page decided, for the page data it was decided on: new data starts afresh.
  const [live, setLive] = useState({ from: serverShown, shown: serverShown });
  const shown = liveShownKeys(live, serverShown);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    if (!questions.some((question) => question.condition)) return;
    const formData = new FormData(event.currentTarget);
    void import("~/domain/call-questions.ts").then(({ shownQuestionKeys }) => {
      const next = shownQuestionKeys(questions, context, readPostedAnswers(formData));
      setLive((current) =>
        sameKeys(current.from, serverShown) && sameKeys(current.shown, next) ? current : { from: serverShown, shown: next },
      );
    });
  };
  return { isShown: (key: string) => shown.includes(key), onChange };
}
