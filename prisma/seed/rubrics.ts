// The rubric criteria either call uses, labelled and anchored (what each score
// from 1 to 5 means) in French, English and Arabic.
import type { Localized } from "./shared.ts";

interface CriterionDefinition {
  label: Localized<string>;
  /** What a score of 1, 2, 3, 4 and 5 means. */
  anchors: Localized<[string, string, string, string, string]>;
}

export type CriterionKey = "innovation" | "market" | "team" | "impact" | "feasibility";

/** Every criterion either call's rubric uses; each call picks its own keys and weights. */
export const CRITERIA: Record<CriterionKey, CriterionDefinition> = {
  innovation: {
    label: { fr: "Innovation", en: "Innovation", ar: "الابتكار" },
    anchors: {
      fr: [
        "Idée déjà largement répandue, sans élément différenciant.",
        "Amélioration marginale d'une offre existante.",
        "Approche nouvelle sur le marché marocain, différenciation modérée.",
        "Innovation claire (produit, usage ou modèle), difficile à copier rapidement.",
        "Rupture technologique ou d'usage, avec un avantage défendable (propriété intellectuelle, données, savoir-faire).",
      ],
      en: [
        "Widely available idea with no differentiating element.",
        "Marginal improvement on an existing offer.",
        "New approach for the Moroccan market, moderate differentiation.",
        "Clear innovation (product, use or model), hard to copy quickly.",
        "Technological or usage breakthrough with a defensible advantage (intellectual property, data, know-how).",
      ],
      ar: [
        "فكرة منتشرة على نطاق واسع دون أي عنصر مميز.",
        "تحسين طفيف لعرض قائم.",
        "مقاربة جديدة في السوق المغربية مع تميز متوسط.",
        "ابتكار واضح (منتج أو استخدام أو نموذج) يصعب تقليده بسرعة.",
        "قطيعة تكنولوجية أو في الاستخدام مع ميزة قابلة للحماية (ملكية فكرية، بيانات، خبرة).",
      ],
    },
  },
  market: {
    label: { fr: "Marché et modèle économique", en: "Market and business model", ar: "السوق والنموذج الاقتصادي" },
    anchors: {
      fr: [
        "Marché non identifié ; aucun client cible précis.",
        "Marché décrit de façon vague, modèle de revenus incertain.",
        "Marché cible identifié et chiffré, modèle de revenus plausible.",
        "Marché solide et accessible, clients prêts à payer, modèle économique cohérent.",
        "Marché large et en croissance, preuves de paiement et potentiel d'export.",
      ],
      en: [
        "No identified market; no specific target customer.",
        "Vaguely described market, uncertain revenue model.",
        "Target market identified and sized, plausible revenue model.",
        "Solid, reachable market, customers willing to pay, coherent business model.",
        "Large and growing market, proof of payment and export potential.",
      ],
      ar: [
        "سوق غير محددة ولا يوجد زبون مستهدف بدقة.",
        "وصف مبهم للسوق ونموذج إيرادات غير مؤكد.",
        "سوق مستهدفة محددة ومقدّرة، ونموذج إيرادات معقول.",
        "سوق متينة يمكن الوصول إليها، وزبائن مستعدون للدفع، ونموذج اقتصادي منسجم.",
        "سوق واسعة ومتنامية، مع إثباتات للدفع وإمكانات للتصدير.",
      ],
    },
  },
  team: {
    label: { fr: "Équipe", en: "Team", ar: "الفريق" },
    anchors: {
      fr: [
        "Porteur·se seul·e, sans les compétences clés du projet.",
        "Équipe incomplète, compétences critiques manquantes.",
        "Équipe complémentaire couvrant l'essentiel des besoins.",
        "Équipe expérimentée et engagée à temps plein sur le projet.",
        "Équipe exceptionnelle : expertise reconnue, réussites antérieures, forte capacité d'exécution.",
      ],
      en: [
        "Solo founder lacking the project's key skills.",
        "Incomplete team, critical skills missing.",
        "Complementary team covering most needs.",
        "Experienced team committed full time to the project.",
        "Outstanding team: recognised expertise, past successes, strong ability to execute.",
      ],
      ar: [
        "حامل مشروع منفرد يفتقر إلى الكفاءات الأساسية للمشروع.",
        "فريق غير مكتمل تنقصه كفاءات حاسمة.",
        "فريق متكامل يغطي أغلب الاحتياجات.",
        "فريق ذو خبرة ومتفرغ كليا للمشروع.",
        "فريق استثنائي: خبرة معترف بها ونجاحات سابقة وقدرة كبيرة على التنفيذ.",
      ],
    },
  },
  impact: {
    label: {
      fr: "Impact (emploi, territoire, environnement)",
      en: "Impact (jobs, region, environment)",
      ar: "الأثر (التشغيل، المجال الترابي، البيئة)",
    },
    anchors: {
      fr: [
        "Aucun impact social, territorial ou environnemental identifié.",
        "Impact limité et difficile à mesurer.",
        "Impact réel sur l'emploi ou la région, encore à mesurer.",
        "Impact significatif et mesuré : emplois, inclusion ou empreinte environnementale réduite.",
        "Impact majeur et structurant pour la région ou la filière, suivi par des indicateurs.",
      ],
      en: [
        "No social, regional or environmental impact identified.",
        "Limited impact, hard to measure.",
        "Real impact on jobs or the region, still to be measured.",
        "Significant, measured impact: jobs, inclusion or a smaller environmental footprint.",
        "Major, structuring impact on the region or the industry, tracked with indicators.",
      ],
      ar: [
        "لا يوجد أثر اجتماعي أو ترابي أو بيئي محدد.",
        "أثر محدود يصعب قياسه.",
        "أثر فعلي على التشغيل أو الجهة، لم يُقَس بعد.",
        "أثر مهم ومقاس: مناصب شغل أو إدماج أو بصمة بيئية أقل.",
        "أثر كبير وهيكلي على الجهة أو القطاع، يُتتبَّع بمؤشرات.",
      ],
    },
  },
  feasibility: {
    label: { fr: "Faisabilité et maturité", en: "Feasibility and maturity", ar: "قابلية التنفيذ والنضج" },
    anchors: {
      fr: [
        "Projet au stade d'intention, sans plan de réalisation.",
        "Plan de réalisation flou, ressources non identifiées.",
        "Feuille de route crédible à 18 mois, besoins identifiés.",
        "Prototype ou MVP validé, jalons et budget maîtrisés.",
        "Produit sur le marché, premiers revenus, plan de croissance en partie financé.",
      ],
      en: [
        "Project at the intention stage, with no delivery plan.",
        "Unclear delivery plan, resources not identified.",
        "Credible 18-month roadmap, needs identified.",
        "Validated prototype or MVP, milestones and budget under control.",
        "Product on the market, first revenue, growth plan partly funded.",
      ],
      ar: [
        "مشروع في مرحلة النية دون خطة للإنجاز.",
        "خطة إنجاز غير واضحة وموارد غير محددة.",
        "خارطة طريق ذات مصداقية على مدى 18 شهرا مع تحديد الاحتياجات.",
        "نموذج أولي أو منتج أدنى قابل للاستخدام تم التحقق منه، مع التحكم في المراحل والميزانية.",
        "منتج في السوق وأولى الإيرادات وخطة نمو ممولة جزئيا.",
      ],
    },
  },
};
