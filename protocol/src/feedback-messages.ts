import type { HazardType } from './vocabulary.js';

/** Languages the wearable can show warnings in: common among workers in Germany. */
export const WORKER_LANGUAGES = ['de', 'en', 'tr', 'pl'] as const;
export type WorkerLanguage = (typeof WORKER_LANGUAGES)[number];

/** The message key for a hazard's warning (`warning.<hazard>`). */
export const warningMessageKey = (hazard: HazardType): string => `warning.${hazard}`;

type Catalogue = Record<string, string>;

/**
 * Warning and calibration texts. `{name}` is replaced by the warning's params: `angle` (degrees), `held` and
 * `limit` (seconds), `rate` (per minute), `count`. Kept short: a wearable's screen is small.
 */
export const FEEDBACK_MESSAGES: Record<WorkerLanguage, Catalogue> = {
  en: {
    'warning.trunk_flexion_held': 'Back bent {angle}° for {held} s (limit {limit} s). Straighten up.',
    'warning.trunk_flexion_severe': 'Back bent far forward ({angle}°). Straighten up or bend your knees.',
    'warning.trunk_twist': 'Back twisted ({angle}°). Turn with your feet.',
    'warning.arm_elevation_held': 'Arm raised {angle}° for {held} s (limit {limit} s). Lower it for a while.',
    'warning.arm_overhead': 'Arm above shoulder ({angle}°) for {held} s. Lower it.',
    'warning.bending_frequency': '{rate} bends per minute. Slow down or change the set-up.',
    'warning.lift_stooped': 'Lift with a bent back. Bend your knees to lift.',
    'warning.lifting_frequency': '{rate} lifts per minute. Take a short break.',
    'calibration.done': 'Calibrated: angles now count from your straight stance.',
    'calibration.failed': 'Not calibrated: stand straight and still, then press again.',
  },
  de: {
    'warning.trunk_flexion_held': 'Rücken {held} s lang {angle}° gebeugt (Grenze {limit} s). Aufrichten.',
    'warning.trunk_flexion_severe': 'Rücken stark gebeugt ({angle}°). Aufrichten oder in die Knie gehen.',
    'warning.trunk_twist': 'Rücken verdreht ({angle}°). Mit den Füßen drehen.',
    'warning.arm_elevation_held': 'Arm {held} s lang {angle}° angehoben (Grenze {limit} s). Kurz absenken.',
    'warning.arm_overhead': 'Arm über Schulterhöhe ({angle}°) seit {held} s. Absenken.',
    'warning.bending_frequency': '{rate} Beugungen pro Minute. Langsamer oder Arbeitsplatz anpassen.',
    'warning.lift_stooped': 'Mit rundem Rücken gehoben. Beim Heben in die Knie gehen.',
    'warning.lifting_frequency': '{rate} Hebevorgänge pro Minute. Kurze Pause machen.',
    'calibration.done': 'Kalibriert: Winkel zählen ab Ihrer aufrechten Haltung.',
    'calibration.failed': 'Nicht kalibriert: gerade und ruhig stehen, dann erneut drücken.',
  },
  tr: {
    'warning.trunk_flexion_held': 'Sırtınız {held} sn boyunca {angle}° eğik (sınır {limit} sn). Doğrulun.',
    'warning.trunk_flexion_severe': 'Sırtınız çok eğik ({angle}°). Doğrulun veya dizlerinizi bükün.',
    'warning.trunk_twist': 'Sırtınız dönük ({angle}°). Ayaklarınızla dönün.',
    'warning.arm_elevation_held':
      'Kolunuz {held} sn boyunca {angle}° kalkık (sınır {limit} sn). Biraz indirin.',
    'warning.arm_overhead': 'Kolunuz omuz üstünde ({angle}°), {held} sn. İndirin.',
    'warning.bending_frequency': 'Dakikada {rate} eğilme. Yavaşlayın veya düzeni değiştirin.',
    'warning.lift_stooped': 'Eğik sırtla kaldırdınız. Kaldırırken dizlerinizi bükün.',
    'warning.lifting_frequency': 'Dakikada {rate} kaldırma. Kısa bir mola verin.',
    'calibration.done': 'Kalibre edildi: açılar dik duruşunuzdan ölçülür.',
    'calibration.failed': 'Kalibre edilmedi: dik ve hareketsiz durun, tekrar basın.',
  },
  pl: {
    'warning.trunk_flexion_held': 'Plecy pochylone {angle}° przez {held} s (limit {limit} s). Wyprostuj się.',
    'warning.trunk_flexion_severe': 'Plecy mocno pochylone ({angle}°). Wyprostuj się lub ugnij kolana.',
    'warning.trunk_twist': 'Plecy skręcone ({angle}°). Obracaj się stopami.',
    'warning.arm_elevation_held':
      'Ramię uniesione {angle}° przez {held} s (limit {limit} s). Opuść je na chwilę.',
    'warning.arm_overhead': 'Ramię powyżej barku ({angle}°) od {held} s. Opuść je.',
    'warning.bending_frequency': '{rate} skłonów na minutę. Zwolnij lub zmień ustawienie stanowiska.',
    'warning.lift_stooped': 'Podnoszenie z pochylonymi plecami. Ugnij kolana przy podnoszeniu.',
    'warning.lifting_frequency': '{rate} podniesień na minutę. Zrób krótką przerwę.',
    'calibration.done': 'Skalibrowano: kąty liczone od wyprostowanej postawy.',
    'calibration.failed': 'Nie skalibrowano: stań prosto i nieruchomo, naciśnij ponownie.',
  },
};

/**
 * Renders a warning in the worker's language; falls back to English, then to the key itself, so a
 * wearable with an older catalogue still shows something.
 */
export function renderFeedbackMessage(
  key: string,
  params: Record<string, number | string>,
  language: string,
): string {
  const lang = (WORKER_LANGUAGES as readonly string[]).includes(language)
    ? (language as WorkerLanguage)
    : 'en';
  const template = FEEDBACK_MESSAGES[lang][key] ?? FEEDBACK_MESSAGES.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? String(Math.round(value)) : value;
  });
}
