/**
 * Email copy in the three product languages. The English catalog defines the
 * shape; French and Arabic are typed against it, so a missing or extra key is
 * a type error. Placeholders are written `{{name}}` and filled by `interpolate`.
 * Terms follow /work/shared/GLOSSARY.md.
 */

export const EMAIL_LOCALES = ["fr", "en", "ar"] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];
export const DEFAULT_EMAIL_LOCALE: EmailLocale = "fr";

const en = {
  layout: {
    tagline: "Applications to the Technopark incubators",
    closing: "Kind regards,",
    signature: "The Technopark selection team",
    footer: "Tremplin — the Technopark network in Morocco. This email was sent automatically; please do not reply to it.",
  },
  common: {
    greeting: "Hello {{name}},",
    buttonFallback: "If the button does not work, copy this link into your browser:",
    inCasablancaTime: "{{dateTime}} (Casablanca time)",
    actionRequired: "Action required: {{subject}} — by {{deadline}}",
    labels: {
      project: "Project",
      call: "Call for applications",
      cohort: "Cohort",
      site: "Site",
      submittedAt: "Submitted on",
      startsAt: "Incubation starts",
      respondBy: "Respond by",
      interviewAt: "Date and time",
      place: "Place",
      closesAt: "Deadline",
      expiresAt: "Expires on",
      dueAt: "Due on",
      endsAt: "Ends",
      bookBy: "Book by",
      changeUntil: "Can be changed until",
    },
    /** The calendar invitation a booking email carries (emails/attachments.ts). */
    calendar: {
      summary: "Interview (pitch) — {{projectName}}",
      description: "Call for applications: {{callTitle}}\nSite: {{siteName}}\nDetails: {{bookingUrl}}",
    },
    seatOffer: {
      respondBy: "Please accept or decline this offer before {{respondBy}}. After this date, the seat may be offered to another project.",
      cta: "Respond to the offer",
    },
  },
  templates: {
    "application-submitted": {
      subject: "Application received: {{projectName}}",
      preview: "We have received your application to “{{callTitle}}”.",
      heading: "Your application has been submitted",
      intro: "Thank you! We have received your application. Here is a summary:",
      nextSteps:
        "The selection team will first check that your project is eligible (screening). We will email you at each step, and you can follow your application at any time.",
      cta: "Track my application",
    },
    "screening-passed": {
      subject: "Screening passed: {{projectName}}",
      preview: "Your project is eligible for “{{callTitle}}”.",
      heading: "Good news: your project is eligible",
      intro: "Your application for the project {{projectName}} to the call “{{callTitle}}” has passed screening (eligibility).",
      nextSteps:
        "It now moves on to evaluation by our reviewers. We will write to you if the selection committee would like to meet you for an interview (pitch).",
      cta: "View my application",
    },
    "screening-failed": {
      subject: "Your application to “{{callTitle}}”",
      preview: "The result of the eligibility screening for {{projectName}}.",
      heading: "Your application did not pass screening",
      intro:
        "Thank you for your interest in our network. After checking eligibility, your application for the project {{projectName}} cannot go further in the call “{{callTitle}}”.",
      reasonLabel: "Reason given by the selection team",
      nextSteps: "This decision concerns this call only: you are welcome to apply again to a future call for applications.",
      cta: "View my application",
    },
    "interview-invitation": {
      subject: "Interview invitation: {{projectName}}",
      preview: "The selection committee would like to meet you on {{at}}.",
      heading: "Invitation to an interview (pitch)",
      intro:
        "Your project {{projectName}} caught the attention of our reviewers. The selection committee would like to meet you for an interview (pitch).",
      preparation:
        "Please prepare a short presentation of your project; the committee will then ask you questions. If this time does not suit you, let the Technopark team know as soon as possible.",
      cta: "View my application",
    },
    "interview-slot-invitation": {
      subject: "Choose an interview slot for {{projectName}}",
      preview: "The selection committee would like to meet you: choose a slot before {{bookBy}}.",
      heading: "Choose your interview (pitch) slot",
      intro:
        "Your project {{projectName}} caught the attention of the reviewers of the call “{{callTitle}}”: the selection committee would like to meet you for an interview (pitch).",
      choose: "Choose, among the slots offered, the one that suits your team, before {{bookBy}}. One booking is enough for the whole team.",
      cta: "Choose a slot",
    },
    "interview-booked": {
      subject: "Interview (pitch) confirmed: {{projectName}}, {{startsAt}}",
      preview: "Your interview (pitch) will take place on {{startsAt}}.",
      heading: "Your interview (pitch) is booked",
      intro: "The interview (pitch) slot of your project {{projectName}} (call “{{callTitle}}”) is booked.",
      // When the booking replaces an earlier slot.
      changed: {
        heading: "Your interview (pitch) has a new slot",
        intro: "Your project {{projectName}} (call “{{callTitle}}”) has a new interview (pitch) slot, which replaces the previous one.",
      },
      calendar: "Open the attached invitation (invite.ics) to add the interview to your calendar or update it there.",
      change: "You can change this slot until {{changeUntil}}, from your application's page.",
      preparation: "Prepare a short presentation of your project; the committee will then ask you questions.",
      cta: "View or change my slot",
    },
    "interview-cancelled": {
      subject: "Interview (pitch) cancelled: {{projectName}}, {{startsAt}}",
      preview: "Your interview (pitch) of {{startsAt}} will not take place.",
      heading: "Your interview (pitch) is cancelled",
      intro:
        "The interview (pitch) of your project {{projectName}} (call “{{callTitle}}”) is cancelled: it will not take place at the booked time.",
      calendar: "If you had added it to your calendar, open the attached cancellation (invite.ics) to remove it.",
      nextSteps: "Your application's page shows where your application stands and, if another slot can be booked, lets you choose it.",
      cta: "View my application",
    },
    "interview-reminder": {
      subject: "Reminder: interview (pitch) for {{projectName}}, {{startsAt}}",
      preview: "Your interview (pitch) will take place on {{startsAt}}.",
      heading: "Your interview (pitch) is coming up",
      // Chosen by how long before the interview the reminder leaves (48 or 2 hours).
      when: {
        inTwoDays: "The interview (pitch) of your project {{projectName}} (call “{{callTitle}}”) is in two days.",
        inTwoHours: "The interview (pitch) of your project {{projectName}} (call “{{callTitle}}”) is in two hours.",
        soon: "The interview (pitch) of your project {{projectName}} (call “{{callTitle}}”) is coming up soon.",
      },
      preparation:
        "Have your short presentation ready; the committee will then ask you questions. If the interview is by video, test the link and your connection beforehand.",
      cta: "View my slot",
    },
    "jury-availability-request": {
      subject: "Interview days of “{{callTitle}}”: your availability",
      preview: "Mark the interview days and half-days when you can sit on the jury.",
      heading: "Your availability for the interview jury",
      intro: "We invite you to sit on the jury of the interviews (pitch) of the call “{{callTitle}}”.",
      dayCount: "Interview days planned: {{dayCount}}",
      ask: "For each day, mark the half-days (morning, afternoon) when you are available. The juries will be formed from your answers.",
      cta: "Give my availability",
    },
    "data-export-ready": {
      subject: "Your data is ready to download",
      preview: "The link works once, until {{expiresAt}}.",
      heading: "The copy of your data is ready",
      intro:
        "You asked for a copy of everything Tremplin holds about you. It is ready: a ZIP file with your account, your applications, your messages and the files you and your teams uploaded.",
      once: "The link works once, while you are signed in, until {{expiresAt}}. After that, ask for a new copy from your account page.",
      cta: "Download my data",
      notYou: "If you did not ask for it, sign in and change your password: nobody can download it without your account.",
    },
    "two-factor-reset": {
      subject: "Your two-step verification was reset",
      preview: "{{resetBy}} reset it on {{resetAt}}.",
      heading: "Your two-step verification was reset",
      intro:
        "{{resetBy}}, an admin of the network, reset the two-step verification of your Tremplin account on {{resetAt}}: your authenticator app and your backup codes no longer work, and every session of your account was ended.",
      next: "At your next log-in, after your password, you will set up an authenticator app again and receive new backup codes.",
      cta: "Log in",
      notYou: "If you did not ask for this, tell another admin of the network at once and change your password.",
    },
    "call-opened": {
      subject: "New call for applications: {{callTitle}}",
      preview: "Applications are open until {{closesAt}}.",
      heading: "A new call for applications is open",
      intro: "A new call for applications is open: “{{callTitle}}”.",
      deadline:
        "Applications are accepted until {{closesAt}}. Read the conditions of the call and prepare your application before this deadline.",
      cta: "See the call",
      consent:
        "You receive this email because you agreed to hear about future calls for applications. You can withdraw this consent at any time from your account page: {{accountUrl}}",
    },
    "decision-accepted": {
      subject: "Project accepted: {{projectName}}",
      preview: "A seat is waiting for you in the cohort {{cohortName}}.",
      heading: "Congratulations, your project is accepted!",
      intro:
        "The selection committee has accepted your project {{projectName}}. We are pleased to offer you a seat in the cohort {{cohortName}}.",
    },
    "decision-waitlisted": {
      subject: "Waitlisted: {{projectName}}",
      preview: "Your project is on the waitlist for “{{callTitle}}”.",
      heading: "Your project is on the waitlist",
      intro: "The selection committee has put your project {{projectName}} on the waitlist for the call “{{callTitle}}”.",
      nextSteps:
        "If a seat becomes available, we will immediately email you an offer of a seat with a deadline to respond. There is nothing you need to do for now.",
      feedbackHeading: "Feedback from the reviewers",
      feedbackIntro: "The reviewers agreed on this feedback to help you take your project further:",
      cta: "View my application",
    },
    "decision-rejected": {
      subject: "Decision on your application: {{projectName}}",
      preview: "The selection committee's decision on your application to “{{callTitle}}”.",
      heading: "Your project was not accepted this time",
      intro:
        "Thank you for applying to the call “{{callTitle}}”. After careful review, the selection committee has not accepted your project {{projectName}} for this cohort.",
      feedbackHeading: "Feedback from the reviewers",
      feedbackIntro: "The reviewers agreed on this feedback to help you take your project further:",
      nextSteps: "We encourage you to keep developing your project and to apply again to a future call for applications.",
      cta: "View my application",
    },
    "check-in-due": {
      subject: "Follow-up: how is {{projectName}} doing?",
      preview: "Your check-in is due on {{dueAt}}.",
      heading: "Time for your follow-up check-in",
      intro: "{{months}} months after the start of the cohort {{cohortName}}, the network asks how {{projectName}} is doing.",
      body: "It takes about five minutes: whether you are still operating, your jobs, revenue, exports and funding, and which support helped. Your answers are saved as you type.",
      cta: "Fill in the check-in",
    },
    "check-in-reminder": {
      subject: "Reminder: the follow-up check-in of {{projectName}} is waiting",
      preview: "Your check-in was due on {{dueAt}}.",
      heading: "Your check-in is still waiting",
      intro: "We have not yet received the {{months}}-month check-in of {{projectName}} (cohort {{cohortName}}).",
      body: "The network's figures rest on every team's answers: five minutes of yours make them true.",
      cta: "Fill in the check-in",
    },
    "discussion-opened": {
      subject: "The reviews of {{projectName}} disagree: its discussion is open",
      preview: "Your scores and your co-reviewers' are far apart.",
      heading: "A discussion is open",
      intro:
        "The reviewers' scores of {{projectName}} are far apart. Its discussion is now open to the reviewers who submitted their review and to the admins.",
      body: "Say what led to your score and read what led to the others': the committee decides with your arguments in front of it.",
      cta: "Open the discussion",
    },
    "discussion-mention": {
      subject: "You were mentioned in the discussion of {{projectName}}",
      preview: "A message for you in the discussion of {{projectName}}.",
      heading: "You were mentioned in a discussion",
      intro: "{{author}} mentioned you in the discussion of {{projectName}}:",
      reviewer: "Reviewer {{letter}}",
      system: "Tremplin",
      cta: "Reply in the discussion",
    },
    "message-from-team": {
      subject: "New message from the team of {{projectName}}",
      preview: "The team of {{projectName}} wrote to the staff.",
      heading: "A team wrote to you",
      intro: "The team of {{projectName}} sent a message. Read it and answer it from the application's page.",
      cta: "Read and answer",
    },
    "message-from-staff": {
      subject: "A message from Tremplin about {{projectName}}",
      preview: "The Tremplin team answered about {{projectName}}.",
      heading: "You have a message",
      intro: "The Tremplin team wrote to you about {{projectName}}. Read it on your application's page.",
      cta: "Read the message",
    },
    announcement: {
      subject: "{{subject}}",
      preview: "A message from the Technopark network.",
      heading: "A message from the Technopark network",
      why: "You receive this message as a member of a project's team in a Technopark call for applications or cohort.",
    },
    "offer-reminder": {
      subject: "Reminder: your offer of a seat in {{cohortName}} expires soon",
      preview: "Your offer expires on {{expiresAt}}.",
      heading: "Your seat is waiting for your answer",
      intro: "You have not yet answered the offer of a seat in the cohort {{cohortName}} for your project {{projectName}}.",
      deadline: "This offer expires on {{expiresAt}}. Without an answer by then, the seat may be offered to another project.",
      cta: "Respond to the offer",
    },
    "offer-expired": {
      subject: "Your offer of a seat in {{cohortName}} has expired",
      preview: "The deadline to respond to your offer has passed.",
      heading: "Your offer of a seat has expired",
      intro:
        "The deadline to respond to the offer of a seat in the cohort {{cohortName}} for your project {{projectName}} has passed, so the offer is no longer valid.",
      nextSteps:
        "If you think this is a mistake, please contact the Technopark team. You are welcome to apply to a future call for applications.",
      cta: "View my application",
    },
    "waitlist-promotion": {
      subject: "A seat is available: {{projectName}}",
      preview: "A seat has opened up in the cohort {{cohortName}}.",
      heading: "Good news: a seat is available for you",
      intro:
        "A seat has opened up in the cohort {{cohortName}}, and your project {{projectName}}, which was on the waitlist, is next in line. We are pleased to offer you this seat.",
    },
    "enrollment-confirmed": {
      subject: "Welcome to the cohort {{cohortName}}",
      preview: "Your project is enrolled in the cohort {{cohortName}}.",
      heading: "Welcome to the cohort!",
      intro:
        "You have accepted the offer: your project {{projectName}} is now enrolled in the cohort {{cohortName}}. Here are the key details:",
      nextSteps:
        "The site team will contact you before incubation starts to present the onboarding programme. See you soon at the Technopark!",
    },
    "reviewer-invitation": {
      subject: "{{inviterName}} invites you to review applications on Tremplin",
      preview: "Choose your password to join the reviewers.",
      heading: "Invitation to join the reviewers",
      intro: "{{inviterName}} invites you to review applications to the Technopark incubators on Tremplin.",
      steps:
        "To accept, choose your password. You will then see the applications assigned to you and can declare any conflict of interest before reviewing.",
      expiry: "This invitation link is personal and expires on {{expiresAt}}.",
      ignore: "If you were not expecting this invitation, you can ignore this email.",
      cta: "Choose my password",
    },
    "team-invitation": {
      subject: "{{leadName}} invites you to join their team on Tremplin",
      preview: "Join the team to apply together to “{{callTitle}}”.",
      heading: "Invitation to join a team",
      intro: "{{leadName}} invites you to join their team and apply together to the call “{{callTitle}}” with the project {{projectName}}.",
      introWithoutProject: "{{leadName}} invites you to join their team and apply together to the call “{{callTitle}}”.",
      steps:
        "Once you accept (by signing in, or by creating an account with this email address), you will be able to see and edit the shared application draft. You will also need to confirm your own information before {{leadName}} submits the application.",
      expiry: "This invitation link is personal, single-use, and expires on {{expiresAt}}.",
      ignore: "If you were not expecting this invitation, you can ignore this email: you will not be added to the team.",
      cta: "See the invitation",
    },
    "review-assignments": {
      subject: "Applications to review ({{count}})",
      preview: "Applications waiting for your review: {{count}}",
      heading: "New applications to review",
      intro: "New applications have been assigned to you.",
      waitingCount: "Applications waiting for your review: {{count}}",
      dueBy: "Review by {{dueAt}}",
      notListed: "Other applications in your queue: {{count}}",
      conflictReminder: "Remember to declare any conflict of interest before scoring an application.",
      cta: "Open my review queue",
    },
    "password-reset": {
      subject: "Reset your Tremplin password",
      preview: "Choose a new password for your Tremplin account.",
      heading: "Reset your password",
      intro: "We received a request to reset the password of your Tremplin account.",
      expiry: "This link expires on {{expiresAt}}.",
      ignore: "If you did not make this request, you can ignore this email: your password will not change.",
      cta: "Choose a new password",
    },
    "email-verification": {
      subject: "Confirm your email address for Tremplin",
      preview: "One click to confirm your address and finish creating your account.",
      heading: "Confirm your email address",
      intro:
        "Welcome to Tremplin! To finish creating your account, confirm that this email address is yours. You can already prepare your application; you will be able to submit it once your address is confirmed.",
      expiry: "This link works once and expires on {{expiresAt}}.",
      ignore: "If you did not create an account on Tremplin, you can ignore this email: without confirmation, nothing will be sent to you.",
      cta: "Confirm my address",
    },
    "account-exists": {
      subject: "You already have a Tremplin account",
      preview: "Someone tried to create an account with your email address.",
      heading: "You already have an account",
      intro:
        "Someone (probably you) tried to create a Tremplin account with this email address, but an account already exists with it. No new account was created.",
      forgot: "Forgotten your password? Choose a new one:",
      ignore: "If you did not try to create an account, you can ignore this email: your account has not changed.",
      cta: "Log in",
      resetCta: "Reset my password",
    },
    "password-reset-no-account": {
      subject: "Password reset on Tremplin",
      preview: "We received a password reset request for this address.",
      heading: "No account with this address",
      intro: "We received a request to reset the password of a Tremplin account with this email address, but no active account uses it.",
      otherAddress: "You may have signed up with another address. You can also create an account:",
      ignore: "If you did not make this request, you can ignore this email.",
      cta: "Create an account",
    },
    "application-withdrawn": {
      subject: "Application withdrawn: {{projectName}}",
      preview: "Your application to “{{callTitle}}” has been withdrawn.",
      heading: "Your application has been withdrawn",
      intro:
        "As you asked, your application for the project {{projectName}} to the call “{{callTitle}}” has been withdrawn. It will not be considered further.",
      nextSteps:
        "If you did not ask for this, contact the Technopark team right away. You are welcome to apply to a future call for applications.",
      cta: "View my application",
    },
    "offer-declined": {
      subject: "Offer of a seat declined: {{projectName}}",
      preview: "You have declined the offer of a seat for {{projectName}}.",
      heading: "You have declined the offer of a seat",
      intro:
        "We have recorded your answer: you have declined the offer of a seat for your project {{projectName}} (call “{{callTitle}}”). The seat will be offered to another project.",
      nextSteps:
        "If you did not make this choice, contact the Technopark team right away. We wish you every success and hope to see you at a future call for applications.",
      cta: "View my application",
    },
    "call-closing-soon": {
      subject: "Last days to apply: {{callTitle}}",
      preview: "The call closes on {{closesAt}}; your application is still a draft.",
      heading: "Your draft has not been submitted yet",
      intro:
        "The call for applications “{{callTitle}}” closes on {{closesAt}}. Your application is still a draft: it will only be considered if you submit it before the deadline.",
      cta: "Finish my application",
    },
  },
};

export type EmailCatalog = typeof en;

const fr: EmailCatalog = {
  layout: {
    tagline: "Candidatures aux incubateurs des Technoparks",
    closing: "Bien cordialement,",
    signature: "L'équipe de sélection des Technoparks",
    footer: "Tremplin — le réseau des Technoparks du Maroc. Cet e-mail a été envoyé automatiquement, merci de ne pas y répondre.",
  },
  common: {
    greeting: "Bonjour {{name}},",
    buttonFallback: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",
    inCasablancaTime: "{{dateTime}} (heure de Casablanca)",
    actionRequired: "Action requise : {{subject}} — avant le {{deadline}}",
    labels: {
      project: "Projet",
      call: "Appel à candidatures",
      cohort: "Cohorte",
      site: "Site",
      submittedAt: "Soumise le",
      startsAt: "Début de l'incubation",
      respondBy: "Répondre avant le",
      interviewAt: "Date et heure",
      place: "Lieu",
      closesAt: "Date limite",
      expiresAt: "Expire le",
      dueAt: "À remplir le",
      endsAt: "Fin",
      bookBy: "Réserver avant le",
      changeUntil: "Modifiable jusqu'au",
    },
    calendar: {
      summary: "Entretien (pitch) — {{projectName}}",
      description: "Appel à candidatures : {{callTitle}}\nSite : {{siteName}}\nDétails : {{bookingUrl}}",
    },
    seatOffer: {
      respondBy:
        "Merci d'accepter ou de décliner cette offre de place avant le {{respondBy}}. Passé ce délai, la place pourra être proposée à un autre projet.",
      cta: "Répondre à l'offre",
    },
  },
  templates: {
    "application-submitted": {
      subject: "Candidature reçue : {{projectName}}",
      preview: "Nous avons bien reçu votre candidature à l'appel « {{callTitle}} ».",
      heading: "Votre candidature a bien été soumise",
      intro: "Merci ! Nous avons bien reçu votre candidature. En voici le récapitulatif :",
      nextSteps:
        "L'équipe de sélection va d'abord vérifier l'éligibilité de votre projet (présélection). Nous vous écrirons à chaque étape, et vous pouvez suivre votre candidature à tout moment.",
      cta: "Suivre ma candidature",
    },
    "screening-passed": {
      subject: "Présélection réussie : {{projectName}}",
      preview: "Votre projet est éligible à l'appel « {{callTitle}} ».",
      heading: "Bonne nouvelle : votre projet est éligible",
      intro: "Votre candidature pour le projet {{projectName}} à l'appel « {{callTitle}} » a passé l'étape de présélection (éligibilité).",
      nextSteps:
        "Elle passe maintenant à l'évaluation par nos évaluateurs. Nous vous écrirons si le comité de sélection souhaite vous rencontrer lors d'un entretien (pitch).",
      cta: "Voir ma candidature",
    },
    "screening-failed": {
      subject: "Votre candidature à l'appel « {{callTitle}} »",
      preview: "Le résultat de la présélection pour {{projectName}}.",
      heading: "Votre candidature n'a pas été retenue à la présélection",
      intro:
        "Merci de l'intérêt que vous portez à notre réseau. Après vérification de l'éligibilité, votre candidature pour le projet {{projectName}} ne peut pas être poursuivie dans le cadre de l'appel « {{callTitle}} ».",
      reasonLabel: "Motif indiqué par l'équipe de sélection",
      nextSteps: "Cette décision ne concerne que cet appel : vous pourrez candidater de nouveau lors d'un prochain appel à candidatures.",
      cta: "Voir ma candidature",
    },
    "interview-invitation": {
      subject: "Invitation à un entretien : {{projectName}}",
      preview: "Le comité de sélection souhaite vous rencontrer le {{at}}.",
      heading: "Invitation à un entretien (pitch)",
      intro:
        "Votre projet {{projectName}} a retenu l'attention de nos évaluateurs. Le comité de sélection souhaite vous rencontrer lors d'un entretien (pitch).",
      preparation:
        "Préparez une courte présentation de votre projet ; le comité vous posera ensuite ses questions. Si ce créneau ne vous convient pas, prévenez l'équipe du Technopark dès que possible.",
      cta: "Voir ma candidature",
    },
    "interview-slot-invitation": {
      subject: "Créneau d'entretien à choisir pour {{projectName}}",
      preview: "Le comité de sélection souhaite vous rencontrer : choisissez un créneau avant le {{bookBy}}.",
      heading: "Choisissez votre créneau d'entretien (pitch)",
      intro:
        "Votre projet {{projectName}} a retenu l'attention des évaluateurs de l'appel « {{callTitle}} » : le comité de sélection souhaite vous rencontrer lors d'un entretien (pitch).",
      choose:
        "Choisissez, parmi les créneaux proposés, celui qui convient à votre équipe, avant le {{bookBy}}. Une seule réservation suffit pour toute l'équipe.",
      cta: "Choisir un créneau",
    },
    "interview-booked": {
      subject: "Entretien (pitch) confirmé : {{projectName}}, le {{startsAt}}",
      preview: "Votre entretien (pitch) aura lieu le {{startsAt}}.",
      heading: "Votre entretien (pitch) est réservé",
      intro: "Le créneau d'entretien (pitch) de votre projet {{projectName}} (appel « {{callTitle}} ») est réservé.",
      changed: {
        heading: "Votre entretien (pitch) change de créneau",
        intro:
          "Votre projet {{projectName}} (appel « {{callTitle}} ») a un nouveau créneau d'entretien (pitch), qui remplace le précédent.",
      },
      calendar: "Ouvrez l'invitation jointe (invite.ics) pour ajouter l'entretien à votre agenda ou l'y mettre à jour.",
      change: "Vous pouvez changer de créneau jusqu'au {{changeUntil}}, depuis la page de votre candidature.",
      preparation: "Préparez une courte présentation de votre projet ; le comité vous posera ensuite ses questions.",
      cta: "Voir ou changer mon créneau",
    },
    "interview-cancelled": {
      subject: "Entretien (pitch) annulé : {{projectName}}, le {{startsAt}}",
      preview: "Votre entretien (pitch) du {{startsAt}} n'aura pas lieu.",
      heading: "Votre entretien (pitch) est annulé",
      intro:
        "L'entretien (pitch) de votre projet {{projectName}} (appel « {{callTitle}} ») est annulé : il n'aura pas lieu au créneau réservé.",
      calendar: "Si vous l'aviez ajouté à votre agenda, ouvrez l'annulation jointe (invite.ics) pour l'en retirer.",
      nextSteps:
        "La page de votre candidature indique où elle en est et, si un autre créneau peut être réservé, vous permet de le choisir.",
      cta: "Voir ma candidature",
    },
    "interview-reminder": {
      subject: "Rappel : entretien (pitch) de {{projectName}}, le {{startsAt}}",
      preview: "Votre entretien (pitch) aura lieu le {{startsAt}}.",
      heading: "Votre entretien (pitch) approche",
      when: {
        inTwoDays: "L'entretien (pitch) de votre projet {{projectName}} (appel « {{callTitle}} ») a lieu dans deux jours.",
        inTwoHours: "L'entretien (pitch) de votre projet {{projectName}} (appel « {{callTitle}} ») a lieu dans deux heures.",
        soon: "L'entretien (pitch) de votre projet {{projectName}} (appel « {{callTitle}} ») a lieu bientôt.",
      },
      preparation:
        "Ayez votre courte présentation prête ; le comité vous posera ensuite ses questions. Si l'entretien a lieu en visioconférence, testez le lien et votre connexion à l'avance.",
      cta: "Voir mon créneau",
    },
    "jury-availability-request": {
      subject: "Journées d'entretien de l'appel « {{callTitle}} » : vos disponibilités",
      preview: "Indiquez les journées et demi-journées d'entretien où vous pouvez siéger au jury.",
      heading: "Vos disponibilités pour le jury d'entretien",
      intro: "Nous vous invitons à siéger au jury des entretiens (pitch) de l'appel « {{callTitle}} ».",
      dayCount: "Journées d'entretien prévues : {{dayCount}}",
      ask: "Pour chaque journée, indiquez les demi-journées (matin, après-midi) où vous êtes disponible. Les jurys seront constitués à partir de vos réponses.",
      cta: "Indiquer mes disponibilités",
    },
    "data-export-ready": {
      subject: "Vos données sont prêtes à télécharger",
      preview: "Le lien fonctionne une fois, jusqu'au {{expiresAt}}.",
      heading: "La copie de vos données est prête",
      intro:
        "Vous avez demandé une copie de tout ce que Tremplin détient sur vous. Elle est prête : un fichier ZIP avec votre compte, vos candidatures, vos messages et les fichiers envoyés par vous et vos équipes.",
      once: "Le lien fonctionne une fois, quand vous êtes connecté, jusqu'au {{expiresAt}}. Ensuite, demandez une nouvelle copie depuis votre page de compte.",
      cta: "Télécharger mes données",
      notYou:
        "Si vous ne l'avez pas demandée, connectez-vous et changez votre mot de passe : personne ne peut la télécharger sans votre compte.",
    },
    "two-factor-reset": {
      subject: "Votre vérification en deux étapes a été réinitialisée",
      preview: "{{resetBy}} l'a réinitialisée le {{resetAt}}.",
      heading: "Votre vérification en deux étapes a été réinitialisée",
      intro:
        "{{resetBy}}, administrateur du réseau, a réinitialisé la vérification en deux étapes de votre compte Tremplin le {{resetAt}} : votre application d'authentification et vos codes de secours ne fonctionnent plus, et toutes les sessions de votre compte ont été fermées.",
      next: "À votre prochaine connexion, après votre mot de passe, vous configurerez de nouveau une application d'authentification et recevrez de nouveaux codes de secours.",
      cta: "Se connecter",
      notYou: "Si vous ne l'avez pas demandé, prévenez immédiatement un autre administrateur du réseau et changez votre mot de passe.",
    },
    "call-opened": {
      subject: "Nouvel appel à candidatures : {{callTitle}}",
      preview: "Candidatures ouvertes jusqu'au {{closesAt}}.",
      heading: "Un nouvel appel à candidatures est ouvert",
      intro: "Un nouvel appel à candidatures est ouvert : « {{callTitle}} ».",
      deadline:
        "Les candidatures sont reçues jusqu'au {{closesAt}}. Prenez connaissance des conditions de l'appel et préparez votre candidature avant cette date limite.",
      cta: "Voir l'appel",
      consent:
        "Vous recevez cet e-mail parce que vous avez accepté d'être informé·e des futurs appels à candidatures. Vous pouvez retirer ce consentement à tout moment depuis la page de votre compte : {{accountUrl}}",
    },
    "decision-accepted": {
      subject: "Projet retenu : {{projectName}}",
      preview: "Une place vous attend dans la cohorte {{cohortName}}.",
      heading: "Félicitations, votre projet est retenu !",
      intro:
        "Le comité de sélection a retenu votre projet {{projectName}}. Nous avons le plaisir de vous proposer une place dans la cohorte {{cohortName}}.",
    },
    "decision-waitlisted": {
      subject: "Liste d'attente : {{projectName}}",
      preview: "Votre projet est sur liste d'attente pour l'appel « {{callTitle}} ».",
      heading: "Votre projet est sur liste d'attente",
      intro: "Le comité de sélection a placé votre projet {{projectName}} sur liste d'attente pour l'appel « {{callTitle}} ».",
      nextSteps:
        "Si une place se libère, nous vous enverrons aussitôt une offre de place par e-mail, avec une date limite pour y répondre. Aucune action n'est nécessaire de votre part pour le moment.",
      feedbackHeading: "Retours des évaluateurs",
      feedbackIntro: "Les évaluateurs se sont accordés sur ce retour pour vous aider à faire avancer votre projet :",
      cta: "Voir ma candidature",
    },
    "decision-rejected": {
      subject: "Décision concernant votre candidature : {{projectName}}",
      preview: "La décision du comité de sélection pour l'appel « {{callTitle}} ».",
      heading: "Votre projet n'a pas été retenu cette fois-ci",
      intro:
        "Merci d'avoir candidaté à l'appel « {{callTitle}} ». Après un examen attentif, le comité de sélection n'a pas retenu votre projet {{projectName}} pour cette cohorte.",
      feedbackHeading: "Retours des évaluateurs",
      feedbackIntro: "Les évaluateurs se sont accordés sur ce retour pour vous aider à faire avancer votre projet :",
      nextSteps:
        "Nous vous encourageons à poursuivre le développement de votre projet et à candidater de nouveau lors d'un prochain appel à candidatures.",
      cta: "Voir ma candidature",
    },
    "check-in-due": {
      subject: "Suivi : où en est {{projectName}} ?",
      preview: "Votre point de suivi est à remplir le {{dueAt}}.",
      heading: "C'est l'heure de votre point de suivi",
      intro: "{{months}} mois après le début de la cohorte {{cohortName}}, le réseau vous demande où en est {{projectName}}.",
      body: "Comptez cinq minutes : activité, emplois, chiffre d'affaires, export et financements, et l'accompagnement qui vous a servi. Vos réponses sont enregistrées au fil de la saisie.",
      cta: "Remplir le point de suivi",
    },
    "check-in-reminder": {
      subject: "Rappel : le point de suivi de {{projectName}} vous attend",
      preview: "Votre point de suivi était à remplir le {{dueAt}}.",
      heading: "Votre point de suivi vous attend toujours",
      intro: "Nous n'avons pas encore reçu le point de suivi à {{months}} mois de {{projectName}} (cohorte {{cohortName}}).",
      body: "Les chiffres du réseau reposent sur les réponses de chaque équipe : vos cinq minutes les rendent justes.",
      cta: "Remplir le point de suivi",
    },
    "discussion-opened": {
      subject: "Les évaluations de {{projectName}} divergent : sa discussion est ouverte",
      preview: "Vos notes et celles de vos co-évaluateurs sont éloignées.",
      heading: "Une discussion est ouverte",
      intro:
        "Les notes des évaluateurs de {{projectName}} sont éloignées. Sa discussion est désormais ouverte aux évaluateurs qui ont soumis leur évaluation et aux administrateurs.",
      body: "Dites ce qui a motivé votre note et lisez ce qui a motivé celles des autres : le comité décide avec vos arguments sous les yeux.",
      cta: "Ouvrir la discussion",
    },
    "discussion-mention": {
      subject: "Vous êtes mentionné dans la discussion de {{projectName}}",
      preview: "Un message pour vous dans la discussion de {{projectName}}.",
      heading: "Vous êtes mentionné dans une discussion",
      intro: "{{author}} vous a mentionné dans la discussion de {{projectName}} :",
      reviewer: "Évaluateur {{letter}}",
      system: "Tremplin",
      cta: "Répondre dans la discussion",
    },
    "message-from-team": {
      subject: "Nouveau message de l'équipe de {{projectName}}",
      preview: "L'équipe de {{projectName}} a écrit à l'équipe Tremplin.",
      heading: "Une équipe vous a écrit",
      intro: "L'équipe de {{projectName}} a envoyé un message. Lisez-le et répondez depuis la page de la candidature.",
      cta: "Lire et répondre",
    },
    "message-from-staff": {
      subject: "Un message de Tremplin au sujet de {{projectName}}",
      preview: "L'équipe Tremplin a répondu au sujet de {{projectName}}.",
      heading: "Vous avez un message",
      intro: "L'équipe Tremplin vous a écrit au sujet de {{projectName}}. Lisez-le sur la page de votre candidature.",
      cta: "Lire le message",
    },
    announcement: {
      subject: "{{subject}}",
      preview: "Un message du réseau Technopark.",
      heading: "Un message du réseau Technopark",
      why: "Vous recevez ce message en tant que membre de l'équipe d'un projet d'un appel à candidatures ou d'une cohorte du Technopark.",
    },
    "offer-reminder": {
      subject: "Rappel : votre offre de place dans la cohorte {{cohortName}} expire bientôt",
      preview: "Votre offre de place expire le {{expiresAt}}.",
      heading: "Votre place attend votre réponse",
      intro: "Vous n'avez pas encore répondu à l'offre de place dans la cohorte {{cohortName}} pour votre projet {{projectName}}.",
      deadline:
        "Cette offre expire le {{expiresAt}}. Sans réponse de votre part d'ici là, la place pourra être proposée à un autre projet.",
      cta: "Répondre à l'offre",
    },
    "offer-expired": {
      subject: "Votre offre de place dans la cohorte {{cohortName}} a expiré",
      preview: "La date limite pour répondre à votre offre de place est dépassée.",
      heading: "Votre offre de place a expiré",
      intro:
        "La date limite pour répondre à l'offre de place dans la cohorte {{cohortName}} pour votre projet {{projectName}} est dépassée : l'offre n'est plus valable.",
      nextSteps:
        "Si vous pensez qu'il s'agit d'une erreur, contactez l'équipe du Technopark. Vous pourrez candidater lors d'un prochain appel à candidatures.",
      cta: "Voir ma candidature",
    },
    "waitlist-promotion": {
      subject: "Une place se libère : {{projectName}}",
      preview: "Une place s'est libérée dans la cohorte {{cohortName}}.",
      heading: "Bonne nouvelle : une place vous est proposée",
      intro:
        "Une place s'est libérée dans la cohorte {{cohortName}} et votre projet {{projectName}}, inscrit sur liste d'attente, est le prochain. Nous avons le plaisir de vous la proposer.",
    },
    "enrollment-confirmed": {
      subject: "Bienvenue dans la cohorte {{cohortName}}",
      preview: "Votre projet est intégré à la cohorte {{cohortName}}.",
      heading: "Bienvenue dans la cohorte !",
      intro:
        "Vous avez accepté l'offre : votre projet {{projectName}} est désormais intégré à la cohorte {{cohortName}}. Voici les informations essentielles :",
      nextSteps:
        "L'équipe du site vous contactera avant le début de l'incubation pour vous présenter le programme d'accueil. À très bientôt au Technopark !",
    },
    "reviewer-invitation": {
      subject: "{{inviterName}} vous invite à évaluer des candidatures sur Tremplin",
      preview: "Choisissez votre mot de passe pour rejoindre les évaluateurs.",
      heading: "Invitation à rejoindre les évaluateurs",
      intro: "{{inviterName}} vous invite à évaluer des candidatures aux incubateurs des Technoparks sur Tremplin.",
      steps:
        "Pour accepter, choisissez votre mot de passe. Vous verrez ensuite les candidatures qui vous sont attribuées et pourrez déclarer un éventuel conflit d'intérêts avant toute évaluation.",
      expiry: "Ce lien d'invitation est personnel et expire le {{expiresAt}}.",
      ignore: "Si vous n'attendiez pas cette invitation, vous pouvez ignorer cet e-mail.",
      cta: "Choisir mon mot de passe",
    },
    "team-invitation": {
      subject: "{{leadName}} vous invite à rejoindre son équipe sur Tremplin",
      preview: "Rejoignez l'équipe pour candidater ensemble à l'appel « {{callTitle}} ».",
      heading: "Invitation à rejoindre une équipe",
      intro:
        "{{leadName}} vous invite à rejoindre son équipe pour candidater ensemble à l'appel « {{callTitle}} » avec le projet {{projectName}}.",
      introWithoutProject: "{{leadName}} vous invite à rejoindre son équipe pour candidater ensemble à l'appel « {{callTitle}} ».",
      steps:
        "Une fois l'invitation acceptée (en vous connectant, ou en créant un compte avec cette adresse e-mail), vous pourrez consulter et modifier le brouillon de candidature partagé. Vous devrez aussi confirmer vos propres informations avant que {{leadName}} ne soumette la candidature.",
      expiry: "Ce lien d'invitation est personnel, à usage unique, et expire le {{expiresAt}}.",
      ignore: "Si vous n'attendiez pas cette invitation, vous pouvez ignorer cet e-mail : vous ne rejoindrez pas l'équipe.",
      cta: "Voir l'invitation",
    },
    "review-assignments": {
      subject: "Candidatures à évaluer ({{count}})",
      preview: "Candidatures en attente de votre évaluation : {{count}}",
      heading: "Nouvelles candidatures à évaluer",
      intro: "De nouvelles candidatures vous ont été attribuées.",
      waitingCount: "Candidatures en attente de votre évaluation : {{count}}",
      dueBy: "À évaluer avant le {{dueAt}}",
      notListed: "Autres candidatures dans votre file : {{count}}",
      conflictReminder: "Pensez à déclarer tout conflit d'intérêts avant de noter une candidature.",
      cta: "Ouvrir ma file d'évaluation",
    },
    "password-reset": {
      subject: "Réinitialisation de votre mot de passe Tremplin",
      preview: "Choisissez un nouveau mot de passe pour votre compte Tremplin.",
      heading: "Réinitialiser votre mot de passe",
      intro: "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Tremplin.",
      expiry: "Ce lien expire le {{expiresAt}}.",
      ignore: "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : votre mot de passe ne sera pas modifié.",
      cta: "Choisir un nouveau mot de passe",
    },
    "email-verification": {
      subject: "Confirmez votre adresse e-mail sur Tremplin",
      preview: "Un clic pour confirmer votre adresse et terminer la création de votre compte.",
      heading: "Confirmez votre adresse e-mail",
      intro:
        "Bienvenue sur Tremplin ! Pour terminer la création de votre compte, confirmez que cette adresse e-mail est bien la vôtre. Vous pouvez déjà préparer votre candidature ; vous pourrez la déposer une fois votre adresse confirmée.",
      expiry: "Ce lien ne fonctionne qu'une fois et expire le {{expiresAt}}.",
      ignore: "Si vous n'avez pas créé de compte sur Tremplin, ignorez cet e-mail : sans confirmation, rien ne vous sera envoyé.",
      cta: "Confirmer mon adresse",
    },
    "account-exists": {
      subject: "Vous avez déjà un compte Tremplin",
      preview: "Quelqu'un a tenté de créer un compte avec votre adresse e-mail.",
      heading: "Vous avez déjà un compte",
      intro:
        "Quelqu'un (sans doute vous) a tenté de créer un compte Tremplin avec cette adresse e-mail, mais un compte existe déjà avec elle. Aucun nouveau compte n'a été créé.",
      forgot: "Mot de passe oublié ? Choisissez-en un nouveau :",
      ignore: "Si vous n'avez pas tenté de créer de compte, ignorez cet e-mail : votre compte n'a pas changé.",
      cta: "Me connecter",
      resetCta: "Réinitialiser mon mot de passe",
    },
    "password-reset-no-account": {
      subject: "Réinitialisation du mot de passe sur Tremplin",
      preview: "Nous avons reçu une demande de réinitialisation pour cette adresse.",
      heading: "Aucun compte avec cette adresse",
      intro:
        "Nous avons reçu une demande de réinitialisation du mot de passe d'un compte Tremplin avec cette adresse e-mail, mais aucun compte actif ne l'utilise.",
      otherAddress: "Vous vous êtes peut-être inscrit avec une autre adresse. Vous pouvez aussi créer un compte :",
      ignore: "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail.",
      cta: "Créer un compte",
    },
    "application-withdrawn": {
      subject: "Candidature retirée : {{projectName}}",
      preview: "Votre candidature à « {{callTitle}} » a été retirée.",
      heading: "Votre candidature a été retirée",
      intro:
        "Comme vous l'avez demandé, votre candidature pour le projet {{projectName}} à l'appel « {{callTitle}} » a été retirée. Elle ne sera plus examinée.",
      nextSteps:
        "Si vous n'êtes pas à l'origine de ce retrait, contactez sans attendre l'équipe du Technopark. Vous pourrez candidater à un prochain appel à candidatures.",
      cta: "Voir ma candidature",
    },
    "offer-declined": {
      subject: "Offre de place déclinée : {{projectName}}",
      preview: "Vous avez décliné l'offre de place pour {{projectName}}.",
      heading: "Vous avez décliné l'offre de place",
      intro:
        "Nous avons bien enregistré votre réponse : vous avez décliné l'offre de place pour votre projet {{projectName}} (appel « {{callTitle}} »). La place sera proposée à un autre projet.",
      nextSteps:
        "Si vous n'êtes pas à l'origine de ce choix, contactez sans attendre l'équipe du Technopark. Nous vous souhaitons pleine réussite et espérons vous retrouver lors d'un prochain appel à candidatures.",
      cta: "Voir ma candidature",
    },
    "call-closing-soon": {
      subject: "Derniers jours pour candidater : {{callTitle}}",
      preview: "L'appel ferme le {{closesAt}} ; votre candidature est encore un brouillon.",
      heading: "Votre brouillon n'est pas encore soumis",
      intro:
        "L'appel à candidatures « {{callTitle}} » ferme le {{closesAt}}. Votre candidature est encore à l'état de brouillon : elle ne sera examinée que si vous la soumettez avant la date limite.",
      cta: "Finaliser ma candidature",
    },
  },
};

// Addressed in the respectful plural (…كم), which is also gender-neutral.
const ar: EmailCatalog = {
  layout: {
    tagline: "الترشح لحاضنات التكنوبارك",
    closing: "مع أطيب التحيات،",
    signature: "فريق الانتقاء بالتكنوبارك",
    footer: "Tremplin — شبكة التكنوبارك بالمغرب. أُرسلت هذه الرسالة بشكل آلي، يرجى عدم الرد عليها.",
  },
  common: {
    greeting: "مرحبا {{name}}،",
    buttonFallback: "إذا لم يعمل الزر، انسخوا هذا الرابط في متصفحكم:",
    inCasablancaTime: "{{dateTime}} (بتوقيت الدار البيضاء)",
    actionRequired: "إجراء مطلوب: {{subject}} — قبل {{deadline}}",
    labels: {
      project: "المشروع",
      call: "الدعوة لتقديم الترشيحات",
      cohort: "الفوج",
      site: "الموقع",
      submittedAt: "تاريخ الإرسال",
      startsAt: "بداية الاحتضان",
      respondBy: "آخر أجل للرد",
      interviewAt: "التاريخ والساعة",
      place: "المكان",
      closesAt: "آخر أجل",
      expiresAt: "تاريخ انتهاء الصلاحية",
      dueAt: "موعد التعبئة",
      endsAt: "نهاية المقابلة",
      bookBy: "آخر أجل للحجز",
      changeUntil: "يمكن تغييره إلى غاية",
    },
    calendar: {
      summary: "مقابلة (عرض) — {{projectName}}",
      description: "الدعوة لتقديم الترشيحات: {{callTitle}}\nالموقع: {{siteName}}\nالتفاصيل: {{bookingUrl}}",
    },
    seatOffer: {
      respondBy: "يرجى قبول هذا العرض أو رفضه قبل {{respondBy}}. بعد هذا الأجل، يمكن أن يُعرض المقعد على مشروع آخر.",
      cta: "الرد على العرض",
    },
  },
  templates: {
    "application-submitted": {
      subject: "تم استلام ترشيحكم: {{projectName}}",
      preview: "توصلنا بترشيحكم في إطار «{{callTitle}}».",
      heading: "تم إرسال ترشيحكم بنجاح",
      intro: "شكرا لكم! لقد توصلنا بترشيحكم. إليكم ملخصه:",
      nextSteps: "سيتحقق فريق الانتقاء أولا من أهلية مشروعكم (الانتقاء الأولي). سنراسلكم عند كل مرحلة، ويمكنكم تتبع ترشيحكم في أي وقت.",
      cta: "تتبع الترشيح",
    },
    "screening-passed": {
      subject: "اجتياز الانتقاء الأولي: {{projectName}}",
      preview: "مشروعكم مؤهل في إطار «{{callTitle}}».",
      heading: "خبر سار: مشروعكم مؤهل",
      intro: "اجتاز ترشيحكم لمشروع {{projectName}} في إطار «{{callTitle}}» مرحلة الانتقاء الأولي (الأهلية).",
      nextSteps: "ينتقل ترشيحكم الآن إلى مرحلة التقييم من طرف المقيِّمين. سنراسلكم إذا رغبت لجنة الانتقاء في لقائكم في مقابلة (عرض).",
      cta: "عرض الترشيح",
    },
    "screening-failed": {
      subject: "ترشيحكم في إطار «{{callTitle}}»",
      preview: "نتيجة الانتقاء الأولي لمشروع {{projectName}}.",
      heading: "لم يجتز ترشيحكم مرحلة الانتقاء الأولي",
      intro:
        "نشكركم على اهتمامكم بشبكتنا. بعد التحقق من الأهلية، لا يمكن مواصلة دراسة ترشيحكم لمشروع {{projectName}} في إطار «{{callTitle}}».",
      reasonLabel: "السبب الذي قدمه فريق الانتقاء",
      nextSteps: "يخص هذا القرار هذه الدعوة فقط، ويمكنكم الترشح من جديد في دعوة قادمة لتقديم الترشيحات.",
      cta: "عرض الترشيح",
    },
    "interview-invitation": {
      subject: "دعوة لمقابلة: {{projectName}}",
      preview: "تود لجنة الانتقاء لقاءكم يوم {{at}}.",
      heading: "دعوة لمقابلة (عرض)",
      intro: "نال مشروعكم {{projectName}} اهتمام المقيِّمين، وتود لجنة الانتقاء لقاءكم في مقابلة (عرض).",
      preparation:
        "يرجى تحضير عرض قصير لمشروعكم، ستطرح عليكم اللجنة بعده أسئلتها. إذا كان هذا الموعد لا يناسبكم، يرجى إخبار فريق التكنوبارك في أقرب وقت ممكن.",
      cta: "عرض الترشيح",
    },
    "interview-slot-invitation": {
      subject: "اختيار موعد المقابلة لمشروع {{projectName}}",
      preview: "تود لجنة الانتقاء لقاءكم: اختاروا موعدا قبل {{bookBy}}.",
      heading: "اختاروا موعد المقابلة (عرض)",
      intro: "نال مشروعكم {{projectName}} اهتمام مقيِّمي الدعوة «{{callTitle}}»، وتود لجنة الانتقاء لقاءكم في مقابلة (عرض).",
      choose: "اختاروا من بين المواعيد المقترحة الموعد الذي يناسب فريقكم، قبل {{bookBy}}. يكفي حجز واحد للفريق بأكمله.",
      cta: "اختيار موعد",
    },
    "interview-booked": {
      subject: "تأكيد المقابلة (عرض): {{projectName}}، يوم {{startsAt}}",
      preview: "ستُجرى مقابلتكم (عرض) يوم {{startsAt}}.",
      heading: "تم حجز موعد مقابلتكم (عرض)",
      intro: "تم حجز موعد المقابلة (عرض) الخاصة بمشروعكم {{projectName}} (في إطار «{{callTitle}}»).",
      changed: {
        heading: "موعد جديد لمقابلتكم (عرض)",
        intro: "أصبح لمشروعكم {{projectName}} (في إطار «{{callTitle}}») موعد جديد للمقابلة (عرض) يحل محل الموعد السابق.",
      },
      calendar: "افتحوا الدعوة المرفقة (invite.ics) لإضافة المقابلة إلى مفكرتكم أو تحديثها فيها.",
      change: "يمكنكم تغيير هذا الموعد إلى غاية {{changeUntil}}، من صفحة ترشيحكم.",
      preparation: "يرجى تحضير عرض قصير لمشروعكم، ستطرح عليكم اللجنة بعده أسئلتها.",
      cta: "عرض الموعد أو تغييره",
    },
    "interview-cancelled": {
      subject: "إلغاء المقابلة (عرض): {{projectName}}، يوم {{startsAt}}",
      preview: "لن تُجرى مقابلتكم (عرض) المقررة يوم {{startsAt}}.",
      heading: "تم إلغاء مقابلتكم (عرض)",
      intro: "تم إلغاء المقابلة (عرض) الخاصة بمشروعكم {{projectName}} (في إطار «{{callTitle}}»)، ولن تُجرى في الموعد المحجوز.",
      calendar: "إذا كنتم قد أضفتموها إلى مفكرتكم، افتحوا الإلغاء المرفق (invite.ics) لحذفها منها.",
      nextSteps: "تبيّن صفحة ترشيحكم وضعيته، وإذا كان بالإمكان حجز موعد آخر، تتيح لكم اختياره.",
      cta: "عرض الترشيح",
    },
    "interview-reminder": {
      subject: "تذكير بالمقابلة (عرض): {{projectName}}، يوم {{startsAt}}",
      preview: "ستُجرى مقابلتكم (عرض) يوم {{startsAt}}.",
      heading: "موعد مقابلتكم (عرض) يقترب",
      when: {
        inTwoDays: "تُجرى المقابلة (عرض) الخاصة بمشروعكم {{projectName}} (في إطار «{{callTitle}}») بعد يومين.",
        inTwoHours: "تُجرى المقابلة (عرض) الخاصة بمشروعكم {{projectName}} (في إطار «{{callTitle}}») بعد ساعتين.",
        soon: "تُجرى المقابلة (عرض) الخاصة بمشروعكم {{projectName}} (في إطار «{{callTitle}}») قريبا.",
      },
      preparation: "جهّزوا عرضكم القصير، ستطرح عليكم اللجنة بعده أسئلتها. إذا كانت المقابلة عن بعد، جرّبوا الرابط واتصالكم بالإنترنت مسبقا.",
      cta: "عرض الموعد",
    },
    "jury-availability-request": {
      subject: "أيام المقابلات في إطار «{{callTitle}}»: أوقات توفركم",
      preview: "حدّدوا أيام المقابلات وأنصاف الأيام التي يمكنكم فيها المشاركة في لجنة المقابلة.",
      heading: "أوقات توفركم للمشاركة في لجنة المقابلة",
      intro: "ندعوكم للمشاركة في لجنة المقابلات (عرض) في إطار «{{callTitle}}».",
      dayCount: "عدد أيام المقابلات المبرمجة: {{dayCount}}",
      ask: "حدّدوا لكل يوم أنصاف الأيام (الصباح، بعد الزوال) التي تكونون فيها متاحين. ستُشكَّل اللجان انطلاقا من أجوبتكم.",
      cta: "تحديد أوقات التوفر",
    },
    "data-export-ready": {
      subject: "معطياتكم جاهزة للتحميل",
      preview: "يعمل الرابط مرة واحدة، حتى {{expiresAt}}.",
      heading: "نسخة معطياتكم جاهزة",
      intro:
        "طلبتم نسخة من كل ما يحتفظ به Tremplin عنكم. وهي جاهزة: ملف ZIP يضم حسابكم وطلباتكم ورسائلكم والملفات التي أرسلتموها أنتم وفرقكم.",
      once: "يعمل الرابط مرة واحدة، وأنتم متصلون، حتى {{expiresAt}}. بعد ذلك، اطلبوا نسخة جديدة من صفحة حسابكم.",
      cta: "تحميل معطياتي",
      notYou: "إذا لم تطلبوها، اتصلوا بحسابكم وغيروا كلمة المرور: لا يمكن لأحد تحميلها دون حسابكم.",
    },
    "two-factor-reset": {
      subject: "أُعيد تعيين التحقق بخطوتين لحسابكم",
      preview: "أعاد {{resetBy}} تعيينه في {{resetAt}}.",
      heading: "أُعيد تعيين التحقق بخطوتين لحسابكم",
      intro:
        "أعاد {{resetBy}}، وهو مسؤول في الشبكة، تعيين التحقق بخطوتين لحسابكم على Tremplin في {{resetAt}}: لم يعد تطبيق المصادقة ولا الرموز الاحتياطية يعملان، وأُغلقت كل جلسات حسابكم.",
      next: "عند تسجيل دخولكم المقبل، بعد كلمة المرور، ستعدون تطبيق مصادقة من جديد وستتلقون رموزا احتياطية جديدة.",
      cta: "تسجيل الدخول",
      notYou: "إذا لم تطلبوا ذلك، أبلغوا فورا مسؤولا آخر في الشبكة وغيروا كلمة المرور.",
    },
    "call-opened": {
      subject: "دعوة جديدة لتقديم الترشيحات: {{callTitle}}",
      preview: "الترشيحات مفتوحة إلى غاية {{closesAt}}.",
      heading: "تم فتح دعوة جديدة لتقديم الترشيحات",
      intro: "تم فتح دعوة جديدة لتقديم الترشيحات: «{{callTitle}}».",
      deadline: "تُقبل الترشيحات إلى غاية {{closesAt}}. اطّلعوا على شروط الدعوة وأعدّوا ترشيحكم قبل آخر أجل.",
      cta: "عرض الدعوة",
      consent:
        "تتوصلون بهذه الرسالة لأنكم وافقتم على إخباركم بالدعوات المقبلة لتقديم الترشيحات. يمكنكم سحب هذه الموافقة في أي وقت من صفحة حسابكم: {{accountUrl}}",
    },
    "decision-accepted": {
      subject: "تم قبول مشروعكم: {{projectName}}",
      preview: "مقعد في انتظاركم في الفوج {{cohortName}}.",
      heading: "تهانينا، تم قبول مشروعكم!",
      intro: "قررت لجنة الانتقاء قبول مشروعكم {{projectName}}، ويسعدنا أن نعرض عليكم مقعدا في الفوج {{cohortName}}.",
    },
    "decision-waitlisted": {
      subject: "في قائمة الانتظار: {{projectName}}",
      preview: "مشروعكم في قائمة الانتظار في إطار «{{callTitle}}».",
      heading: "مشروعكم في قائمة الانتظار",
      intro: "قررت لجنة الانتقاء وضع مشروعكم {{projectName}} في قائمة الانتظار في إطار «{{callTitle}}».",
      nextSteps:
        "إذا أصبح مقعد متاحا، سنرسل إليكم فورا عرض مقعد عبر البريد الإلكتروني مع آخر أجل للرد عليه. لا يلزمكم القيام بأي إجراء في الوقت الحالي.",
      feedbackHeading: "ملاحظات المقيِّمين",
      feedbackIntro: "اتفق المقيِّمون على هذه الملاحظات لمساعدتكم على تطوير مشروعكم:",
      cta: "عرض الترشيح",
    },
    "decision-rejected": {
      subject: "القرار بشأن ترشيحكم: {{projectName}}",
      preview: "قرار لجنة الانتقاء بشأن ترشيحكم في إطار «{{callTitle}}».",
      heading: "لم يتم قبول مشروعكم هذه المرة",
      intro:
        "نشكركم على ترشحكم في إطار «{{callTitle}}». بعد دراسة متأنية، لم تقرر لجنة الانتقاء قبول مشروعكم {{projectName}} ضمن هذا الفوج.",
      feedbackHeading: "ملاحظات المقيِّمين",
      feedbackIntro: "اتفق المقيِّمون على هذه الملاحظات لمساعدتكم على تطوير مشروعكم:",
      nextSteps: "نشجعكم على مواصلة تطوير مشروعكم والترشح من جديد في دعوة قادمة لتقديم الترشيحات.",
      cta: "عرض الترشيح",
    },
    "check-in-due": {
      subject: "المتابعة: أين وصل {{projectName}}؟",
      preview: "موعد تعبئة نقطة المتابعة: {{dueAt}}.",
      heading: "حان وقت نقطة المتابعة",
      intro: "بعد {{months}} شهرا من انطلاق الفوج {{cohortName}}، تسألكم الشبكة عن تقدم {{projectName}}.",
      body: "تستغرق خمس دقائق تقريبا: النشاط، مناصب الشغل، رقم المعاملات، التصدير والتمويل، والمواكبة التي أفادتكم. تُحفظ أجوبتكم أثناء الكتابة.",
      cta: "تعبئة نقطة المتابعة",
    },
    "check-in-reminder": {
      subject: "تذكير: نقطة متابعة {{projectName}} في انتظاركم",
      preview: "كان موعد تعبئة نقطة المتابعة: {{dueAt}}.",
      heading: "نقطة المتابعة ما زالت في انتظاركم",
      intro: "لم نتوصل بعد بنقطة المتابعة بعد {{months}} شهرا لمشروع {{projectName}} (الفوج {{cohortName}}).",
      body: "تعتمد أرقام الشبكة على أجوبة كل فريق: دقائقكم الخمس تجعلها صحيحة.",
      cta: "تعبئة نقطة المتابعة",
    },
    "discussion-opened": {
      subject: "تقييمات {{projectName}} متباعدة: نقاشه مفتوح",
      preview: "نقطتكم ونقط زملائكم في التقييم متباعدة.",
      heading: "تم فتح نقاش",
      intro: "نقط مقيّمي {{projectName}} متباعدة. نقاشه مفتوح الآن للمقيّمين الذين قدّموا تقييمهم وللمسؤولين.",
      body: "اشرحوا ما دفعكم إلى نقطتكم واطّلعوا على ما دفع الآخرين إلى نقطهم: تقرّر اللجنة وحججكم أمامها.",
      cta: "فتح النقاش",
    },
    "discussion-mention": {
      subject: "تمت الإشارة إليكم في نقاش {{projectName}}",
      preview: "رسالة لكم في نقاش {{projectName}}.",
      heading: "تمت الإشارة إليكم في نقاش",
      intro: "أشار إليكم {{author}} في نقاش {{projectName}}:",
      reviewer: "المقيّم {{letter}}",
      system: "ترامبلان",
      cta: "الرد في النقاش",
    },
    "message-from-team": {
      subject: "رسالة جديدة من فريق {{projectName}}",
      preview: "كتب فريق {{projectName}} إلى فريق ترامبلان.",
      heading: "راسلكم فريق",
      intro: "أرسل فريق {{projectName}} رسالة. اقرؤوها وأجيبوا عنها من صفحة الترشيح.",
      cta: "القراءة والرد",
    },
    "message-from-staff": {
      subject: "رسالة من ترامبلان بخصوص {{projectName}}",
      preview: "رد فريق ترامبلان بخصوص {{projectName}}.",
      heading: "لديكم رسالة",
      intro: "راسلكم فريق ترامبلان بخصوص {{projectName}}. اقرؤوا الرسالة في صفحة ترشيحكم.",
      cta: "قراءة الرسالة",
    },
    announcement: {
      subject: "{{subject}}",
      preview: "رسالة من شبكة التكنوبارك.",
      heading: "رسالة من شبكة التكنوبارك",
      why: "تتوصلون بهذه الرسالة بصفتكم عضوا في فريق مشروع ضمن دعوة لتقديم الترشيحات أو فوج من أفواج التكنوبارك.",
    },
    "offer-reminder": {
      subject: "تذكير: عرض المقعد في الفوج {{cohortName}} ينتهي قريبا",
      preview: "تنتهي صلاحية عرض المقعد في {{expiresAt}}.",
      heading: "مقعدكم في انتظار ردكم",
      intro: "لم تردوا بعد على عرض المقعد في الفوج {{cohortName}} لمشروعكم {{projectName}}.",
      deadline: "تنتهي صلاحية هذا العرض في {{expiresAt}}. إذا لم نتوصل بردكم قبل ذلك، يمكن أن يُعرض المقعد على مشروع آخر.",
      cta: "الرد على العرض",
    },
    "offer-expired": {
      subject: "انتهت صلاحية عرض المقعد في الفوج {{cohortName}}",
      preview: "انقضى آخر أجل للرد على عرض المقعد.",
      heading: "انتهت صلاحية عرض المقعد",
      intro: "انقضى آخر أجل للرد على عرض المقعد في الفوج {{cohortName}} لمشروعكم {{projectName}}، ولم يعد العرض ساريا.",
      nextSteps: "إذا كنتم تعتقدون أن الأمر يتعلق بخطأ، يرجى التواصل مع فريق التكنوبارك. ويمكنكم الترشح في دعوة قادمة لتقديم الترشيحات.",
      cta: "عرض الترشيح",
    },
    "waitlist-promotion": {
      subject: "مقعد متاح: {{projectName}}",
      preview: "أصبح مقعد متاحا في الفوج {{cohortName}}.",
      heading: "خبر سار: مقعد متاح لكم",
      intro:
        "أصبح مقعد متاحا في الفوج {{cohortName}}، ومشروعكم {{projectName}} المدرج في قائمة الانتظار هو التالي. ويسعدنا أن نعرض عليكم هذا المقعد.",
    },
    "enrollment-confirmed": {
      subject: "مرحبا بكم في الفوج {{cohortName}}",
      preview: "مشروعكم مسجَّل في الفوج {{cohortName}}.",
      heading: "مرحبا بكم في الفوج!",
      intro: "لقد قبلتم العرض، وأصبح مشروعكم {{projectName}} مسجَّلا في الفوج {{cohortName}}. إليكم المعلومات الأساسية:",
      nextSteps: "سيتواصل معكم فريق الموقع قبل بداية الاحتضان لتقديم برنامج الاستقبال. إلى اللقاء قريبا في التكنوبارك!",
    },
    "reviewer-invitation": {
      subject: "دعوة من {{inviterName}} لتقييم ترشيحات على منصة Tremplin",
      preview: "اختاروا كلمة المرور للانضمام إلى المقيِّمين.",
      heading: "دعوة للانضمام إلى المقيِّمين",
      intro: "تلقيتم دعوة من {{inviterName}} لتقييم الترشيحات المقدمة إلى حاضنات التكنوبارك على منصة Tremplin.",
      steps:
        "لقبول الدعوة، يرجى اختيار كلمة المرور. ستتمكنون بعد ذلك من الاطلاع على الترشيحات المسندة إليكم، ومن التصريح بأي تضارب في المصالح قبل التقييم.",
      expiry: "رابط الدعوة هذا شخصي وتنتهي صلاحيته في {{expiresAt}}.",
      ignore: "إذا لم تكونوا تنتظرون هذه الدعوة، يمكنكم تجاهل هذه الرسالة.",
      cta: "اختيار كلمة المرور",
    },
    "team-invitation": {
      subject: "دعوة من {{leadName}} للانضمام إلى فريق مشروع على منصة Tremplin",
      preview: "انضموا إلى الفريق للترشح معا في إطار «{{callTitle}}».",
      heading: "دعوة للانضمام إلى فريق",
      intro: "تلقيتم دعوة من {{leadName}} للانضمام إلى فريق مشروع {{projectName}} والترشح معا في إطار «{{callTitle}}».",
      introWithoutProject: "تلقيتم دعوة من {{leadName}} للانضمام إلى فريق مشروع والترشح معا في إطار «{{callTitle}}».",
      steps:
        "بعد قبول الدعوة (بتسجيل الدخول، أو بإنشاء حساب بعنوان البريد الإلكتروني هذا)، ستتمكنون من الاطلاع على مسودة الترشيح المشتركة وتعديلها. كما يتعين عليكم تأكيد معلوماتكم الخاصة قبل إرسال الترشيح من طرف {{leadName}}.",
      expiry: "رابط الدعوة هذا شخصي وصالح لمرة واحدة، وتنتهي صلاحيته في {{expiresAt}}.",
      ignore: "إذا لم تكونوا تنتظرون هذه الدعوة، يمكنكم تجاهل هذه الرسالة، ولن تتم إضافتكم إلى الفريق.",
      cta: "عرض الدعوة",
    },
    "review-assignments": {
      subject: "ترشيحات للتقييم ({{count}})",
      preview: "عدد الترشيحات في انتظار تقييمكم: {{count}}",
      heading: "ترشيحات جديدة للتقييم",
      intro: "تم إسناد ترشيحات جديدة إليكم.",
      waitingCount: "عدد الترشيحات في انتظار تقييمكم: {{count}}",
      dueBy: "آخر أجل للتقييم: {{dueAt}}",
      notListed: "ترشيحات أخرى في قائمتكم: {{count}}",
      conflictReminder: "يرجى التصريح بأي تضارب في المصالح قبل تنقيط أي ترشيح.",
      cta: "فتح قائمة التقييم",
    },
    "password-reset": {
      subject: "إعادة تعيين كلمة المرور على منصة Tremplin",
      preview: "اختاروا كلمة مرور جديدة لحسابكم على منصة Tremplin.",
      heading: "إعادة تعيين كلمة المرور",
      intro: "توصلنا بطلب لإعادة تعيين كلمة المرور الخاصة بحسابكم على منصة Tremplin.",
      expiry: "تنتهي صلاحية هذا الرابط في {{expiresAt}}.",
      ignore: "إذا لم تقوموا بهذا الطلب، يمكنكم تجاهل هذه الرسالة، ولن يتم تغيير كلمة المرور.",
      cta: "اختيار كلمة مرور جديدة",
    },
    "email-verification": {
      subject: "أكّدوا عنوان بريدكم الإلكتروني على Tremplin",
      preview: "نقرة واحدة لتأكيد عنوانكم وإتمام إنشاء حسابكم.",
      heading: "أكّدوا عنوان بريدكم الإلكتروني",
      intro:
        "مرحبا بكم في Tremplin! لإتمام إنشاء حسابكم، أكّدوا أن عنوان البريد الإلكتروني هذا يخصّكم. يمكنكم منذ الآن إعداد ترشيحكم، وستتمكّنون من إيداعه بعد تأكيد عنوانكم.",
      expiry: "هذا الرابط صالح لمرة واحدة وتنتهي صلاحيته في {{expiresAt}}.",
      ignore: "إذا لم تُنشئوا حسابا على Tremplin، يمكنكم تجاهل هذه الرسالة: بدون تأكيد لن نرسل إليكم أي شيء.",
      cta: "تأكيد العنوان",
    },
    "account-exists": {
      subject: "لديكم حساب على Tremplin بالفعل",
      preview: "حاول شخص ما إنشاء حساب بعنوان بريدكم الإلكتروني.",
      heading: "لديكم حساب بالفعل",
      intro:
        "حاول شخص ما (ربما أنتم) إنشاء حساب على Tremplin بعنوان البريد الإلكتروني هذا، لكن حسابا بهذا العنوان موجود بالفعل. لم يُنشأ أي حساب جديد.",
      forgot: "نسيتم كلمة المرور؟ اختاروا كلمة مرور جديدة:",
      ignore: "إذا لم تحاولوا إنشاء حساب، يمكنكم تجاهل هذه الرسالة: حسابكم لم يتغيّر.",
      cta: "تسجيل الدخول",
      resetCta: "إعادة تعيين كلمة المرور",
    },
    "password-reset-no-account": {
      subject: "إعادة تعيين كلمة المرور على Tremplin",
      preview: "توصّلنا بطلب إعادة تعيين كلمة المرور لهذا العنوان.",
      heading: "لا يوجد حساب بهذا العنوان",
      intro: "توصّلنا بطلب لإعادة تعيين كلمة مرور حساب على Tremplin بعنوان البريد الإلكتروني هذا، لكن لا يوجد حساب نشط يستعمله.",
      otherAddress: "ربما سجّلتم بعنوان آخر. يمكنكم أيضا إنشاء حساب:",
      ignore: "إذا لم تقدّموا هذا الطلب، يمكنكم تجاهل هذه الرسالة.",
      cta: "إنشاء حساب",
    },
    "application-withdrawn": {
      subject: "سُحب الترشيح: {{projectName}}",
      preview: "تم سحب ترشيحكم في إطار «{{callTitle}}».",
      heading: "تم سحب ترشيحكم",
      intro: "بناء على طلبكم، تم سحب ترشيح مشروعكم {{projectName}} في إطار «{{callTitle}}». لن تتم دراسته بعد الآن.",
      nextSteps: "إذا لم تطلبوا ذلك، اتصلوا بفريق التكنوبارك دون تأخير. يسعدنا أن تترشّحوا في طلب ترشيحات قادم.",
      cta: "عرض الترشيح",
    },
    "offer-declined": {
      subject: "تم رفض عرض المقعد: {{projectName}}",
      preview: "لقد رفضتم عرض المقعد لمشروع {{projectName}}.",
      heading: "لقد رفضتم عرض المقعد",
      intro: "سجّلنا ردّكم: لقد رفضتم عرض المقعد لمشروعكم {{projectName}} في إطار «{{callTitle}}». سيُعرض المقعد على مشروع آخر.",
      nextSteps: "إذا لم تتخذوا هذا القرار، اتصلوا بفريق التكنوبارك دون تأخير. نتمنى لكم كامل التوفيق ونأمل أن نلقاكم في طلب ترشيحات قادم.",
      cta: "عرض الترشيح",
    },
    "call-closing-soon": {
      subject: "الأيام الأخيرة للترشح: {{callTitle}}",
      preview: "تُغلق الدعوة في {{closesAt}}، وترشيحكم لا يزال مسودة.",
      heading: "لم يتم إرسال مسودة ترشيحكم بعد",
      intro:
        "تُغلق الدعوة لتقديم الترشيحات «{{callTitle}}» في {{closesAt}}. لا يزال ترشيحكم في شكل مسودة، ولن تتم دراسته إلا إذا قمتم بإرساله قبل آخر أجل.",
      cta: "إتمام الترشيح",
    },
  },
};

export const EMAIL_MESSAGES: Record<EmailLocale, EmailCatalog> = { fr, en, ar };

export const PLACEHOLDER_PATTERN = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Splits a message on its `{{placeholders}}` and substitutes each one, keeping
 * the values as they are (strings, or React nodes for rich text). A missing
 * value throws: sending "Hello {{name}}" to a founder is worse than a retry.
 */
export function interpolateParts<V>(template: string, values: Readonly<Record<string, V>>): Array<string | V> {
  const parts: Array<string | V> = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const key = match[1];
    if (!Object.hasOwn(values, key)) {
      throw new Error(`Missing value for {{${key}}} in email message "${template}"`);
    }
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(values[key]);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

export function interpolate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return interpolateParts(template, values).join("");
}

/** The placeholder names a message uses, e.g. for checking translations agree. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1]);
}
