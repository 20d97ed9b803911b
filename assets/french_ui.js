// French for the texts Streamlit and Plotly draw themselves (issue 12, item 1).
// Streamlit has no locale option: this observer rewrites, in place, the text nodes and the
// title / aria-label / placeholder attributes that match a known English string. Installed
// once per browser tab; React keeps working on the same nodes.
(() => {
  if (window.__crmFrenchUi) return;
  window.__crmFrenchUi = true;
  // French weeks start on Monday. Streamlit hands its date inputs the locale
  // `window.navigator.language`, read again on each render of the app: a French app gives
  // them French, whatever the browser's language, so the calendar starts on Monday.
  try {
    if (!/^fr\b/i.test(navigator.language || "")) {
      Object.defineProperty(navigator, "language", {get: () => "fr-FR", configurable: true});
      // Date inputs drawn in the same batch as this script already hold the English
      // locale until the app renders again: Streamlit re-reads its themes (hence renders
      // the app) on "afterprint", which changes nothing else.
      setTimeout(() => window.dispatchEvent(new Event("afterprint")), 0);
    }
  } catch (error) { /* a browser refusing the override keeps its own calendar */ }
  const EXACT = {
    "Skip to main content": "Aller au contenu principal",
    "Upload": "Choisir un fichier",
    "Browse files": "Choisir un fichier",
    "Drag and drop file here": "Glissez-déposez un fichier ici",
    "Drag and drop a file here": "Glissez-déposez un fichier ici",
    "Drag and drop files here": "Glissez-déposez des fichiers ici",
    "file upload": "dépôt de fichier",
    "Remove file": "Retirer le fichier",
    "Delete": "Supprimer",
    "Select all": "Tout sélectionner",
    "Clear all": "Tout effacer",
    "Clear": "Effacer",
    "No results": "Aucun résultat",
    "No options to select": "Aucun choix possible",
    "No options to select.": "Aucun choix possible.",
    "Choose an option": "Choisir",
    "Choose options": "Choisir",
    "Choose date": "Choisir une date",
    "Choose date range": "Choisir une période",
    "Date range": "Période",
    "Select...": "Choisir…",
    "Select…": "Choisir…",
    "Previous month.": "Mois précédent",
    "Next month.": "Mois suivant",
    "Previous month": "Mois précédent",
    "Next month": "Mois suivant",
    "Calendar.": "Calendrier",
    "DD/MM/YYYY": "JJ/MM/AAAA",
    "DD/MM/YYYY – DD/MM/YYYY": "JJ/MM/AAAA – JJ/MM/AAAA",
    "dd": "jj", "yyyy": "aaaa", "mm": "mm",
    "Open": "Ouvrir",
    "Close": "Fermer",
    "Sidebar": "Barre latérale",
    "Collapse sidebar": "Masquer le menu",
    "Expand sidebar": "Afficher le menu",
    "App pages": "Pages",
    "Link to heading": "Lien vers ce titre",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Add row": "Ajouter une ligne",
    "Quick select a date range": "Choix rapide d'une période",
    "Quick select a date": "Choix rapide d'une date",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
      "Flèches : changer de date ; Entrée : choisir ; Échap : fermer.",
    "Past Week": "Dernière semaine",
    "Past Month": "Dernier mois",
    "Past 3 Months": "3 derniers mois",
    "Past 6 Months": "6 derniers mois",
    "Past Year": "Dernière année",
    "Past 2 Years": "2 dernières années",
    "Last available date": "Dernière date disponible",
    "Delete row(s)": "Supprimer la sélection",
    "Search": "Rechercher",
    "Fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Exit fullscreen": "Quitter le plein écran",
    "Download as CSV": "Télécharger en CSV",
    "Download": "Télécharger",
    "Running...": "Calcul en cours…",
    "Stop": "Arrêter",
    "Rerun": "Relancer",
    "Copy to clipboard": "Copier",
    "Copied to clipboard": "Copié",
    "Main menu": "Menu",
    "Download plot as a PNG": "Télécharger le graphique (PNG)",
    "Download plot": "Télécharger le graphique",
    "Zoom": "Zoomer",
    "Zoom in": "Zoom avant",
    "Zoom out": "Zoom arrière",
    "Pan": "Déplacer",
    "Autoscale": "Échelle automatique",
    "Reset axes": "Réinitialiser les axes",
    "Reset view": "Réinitialiser la vue",
    "Box Select": "Sélection rectangulaire",
    "Lasso Select": "Sélection au lasso",
    "Toggle Spike Lines": "Lignes de repère",
    "Show closest data on hover": "Donnée la plus proche au survol",
    "Compare data on hover": "Comparer les données au survol",
    "Double-click to zoom back out": "Double-cliquez pour revenir au zoom initial",
    "Taking snapshot - this may take a few seconds": "Capture en cours…",
  };
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];
  const DAYS = {Su: "di", Mo: "lu", Tu: "ma", We: "me", Th: "je", Fr: "ve", Sa: "sa",
    Sunday: "dimanche", Monday: "lundi", Tuesday: "mardi", Wednesday: "mercredi",
    Thursday: "jeudi", Friday: "vendredi", Saturday: "samedi"};
  const UNITS = {B: "o", KB: "Ko", MB: "Mo", GB: "Go"};
  const size = (n, u) => `${n.replace(".", ",")}\u00a0${UNITS[u]}`;
  const month = (m) => MOIS[MONTHS.indexOf(m)];
  const MONTH_RE = MONTHS.join("|");
  const PATTERNS = [
    [/^(\d+(?:\.\d+)?)\s?(B|KB|MB|GB)$/, (_, n, u) => size(n, u)],
    [/^(\d+(?:\.\d+)?)\s?(B|KB|MB|GB) per file$/, (_, n, u) => `${size(n, u)} par fichier`],
    [/^(.+), (\d+(?:\.\d+)?)\s?(B|KB|MB|GB)$/, (_, f, n, u) => `${f}, ${size(n, u)}`],
    [/^Help for (.+)$/, (_, l) => `Aide : ${l}`],
    [/^Choose date( range)?, (.+)$/, (_, r, m) => `${r ? "Choisir une période" : "Choisir une date"}, ${m}`],
    [/^Today, (.+?)( selected)?$/, (_, d, s) => `Aujourd'hui, ${d}${s ? " (choisi)" : ""}`],
    [/^(day|month|year), (.+)$/, (_, p, l) => `${{day: "jour", month: "mois", year: "année"}[p]}, ${l}`],
    [/^(.+) (start|end) date$/, (_, l, p) => `${l}, date de ${p === "start" ? "début" : "fin"}`],
    [new RegExp(`^Selected (?:date|Date)(?: range)?(?: is)?:? ?(?:\\w+, )?(${MONTH_RE}) (\\d+)(?:st|nd|rd|th)?,? (\\d{4})(?: (?:–|-|to) (?:\\w+, )?(${MONTH_RE}) (\\d+)(?:st|nd|rd|th)?,? (\\d{4}))?\\.?$`),
      (_, m, d, y, m2, d2, y2) => m2 ? `Période choisie : du ${d} ${month(m)} ${y} au ${d2} ${month(m2)} ${y2}`
        : `Date choisie : ${d} ${month(m)} ${y}`],
    [new RegExp(`^(${MONTH_RE}) (\\d{4})$`), (_, m, y) => `${month(m)} ${y}`],
    [new RegExp(`^(${MONTH_RE})$`), (_, m) => month(m)],
    [new RegExp(`^Choose (?:\\w+, )?(${MONTH_RE}) (\\d+)(?:st|nd|rd|th)?,? (\\d{4})\\.?(.*)$`),
      (_, m, d, y) => `Choisir le ${d} ${month(m)} ${y}`],
  ];
  const translate = (text, inCalendar) => {
    const trimmed = text.trim();
    if (!trimmed || !/[A-Za-z]/.test(trimmed)) return null;
    let french = EXACT[trimmed];
    if (french === undefined && inCalendar) french = DAYS[trimmed];
    if (french === undefined) {
      for (const [pattern, replace] of PATTERNS) {
        if (pattern.test(trimmed)) { french = trimmed.replace(pattern, replace); break; }
      }
    }
    if (french === undefined || french === trimmed) return null;
    return text.replace(trimmed, french);
  };
  const ATTRIBUTES = ["title", "aria-label", "placeholder", "data-title"];
  const SKIP = "script,style,noscript,textarea,code,pre,[data-testid=stIconMaterial]";
  const calendar = (el) => !!(el && el.closest('[data-baseweb="calendar"],[role="grid"]'));
  const fixText = (node) => {
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) return;
    // What the user types is never touched; an empty date segment shows its placeholder.
    if (parent.isContentEditable && parent.dataset.placeholder !== "true") return;
    // A falling figure in a card: the typographic minus (Streamlit needs "-" to colour it).
    if (parent.closest("[data-testid=stMetricDelta]") && /^\s*-\s?\d/.test(node.data)) {
      node.data = node.data.replace("-", "\u2212");
      return;
    }
    const french = translate(node.data, calendar(parent));
    if (french !== null) node.data = french;
  };
  const fixElement = (el) => {
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value) {
        const french = translate(value, calendar(el));
        if (french !== null) el.setAttribute(name, french);
      }
    }
  };
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixElement(root);
    for (const el of root.querySelectorAll("[title],[aria-label],[placeholder],[data-title]")) fixElement(el);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) fixText(node);
  };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "characterData") fixText(m.target);
      else if (m.type === "attributes") fixElement(m.target);
      else m.addedNodes.forEach(fixTree);
    }
  });
  observer.observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  document.documentElement.lang = "fr";
  fixTree(document.body);
})();
