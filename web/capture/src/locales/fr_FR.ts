import type { Strings } from './en_US';

export const fr_FR: Strings = {
  app: { title: 'Vérification d’identité', language: 'Langue', loading: 'Chargement…', skip: 'Aller au contenu' },
  welcome: { heading: 'Vérifiez votre identité', body: 'Cela prend quelques minutes. Vous aurez besoin d’une pièce d’identité et de votre caméra.', start: 'Commencer' },
  consent: {
    heading: 'Votre consentement', body: 'Pour vérifier que vous êtes la personne du document, nous comparons une photo ou une vidéo de votre visage avec la photo de votre document. Cela utilise des données biométriques de votre visage, conservées uniquement pour cette vérification.',
    agree: 'J’accepte', continue: 'Continuer', required: 'Veuillez cocher « J’accepte » pour continuer.',
  },
  document: {
    heading: 'Votre pièce d’identité', country: 'Pays', countryHint: 'Le pays qui a délivré votre document. Commencez à taper pour chercher.',
    countryUnknown: 'Veuillez choisir un pays dans la liste.', type: 'Type de document', typeNone: 'Aucun document de ce pays n’est accepté. Veuillez choisir un autre pays.',
    next: 'Continuer', front: 'Recto : {{doc}}', back: 'Verso : {{doc}}', frontHint: 'Placez la page avec votre photo dans le cadre, les quatre coins visibles.',
    backHint: 'Retournez votre document et placez le verso dans le cadre.',
    types: { passport: 'Passeport', driving_licence: 'Permis de conduire', national_identity_card: 'Carte nationale d’identité', residence_permit: 'Titre de séjour' },
  },
  camera: {
    take: 'Prendre la photo', upload: 'Importer un fichier', retake: 'Reprendre', use: 'Utiliser cette photo', review: 'Vérifiez votre photo',
    reviewHint: 'Toutes les informations doivent être nettes et lisibles, sans reflet ni flou.', preview: 'Votre photo', view: 'Image de la caméra',
    starting: 'Démarrage de la caméra…', unavailable: 'La caméra n’est pas disponible. Vous pouvez importer une photo à la place.',
    blocked: 'L’accès à la caméra a été refusé. Autorisez la caméra dans les réglages du navigateur, ou importez une photo.',
    badFile: 'Ce fichier n’est pas une photo utilisable. Veuillez choisir une photo JPG ou PNG.',
  },
  checks: {
    checking: 'Vérification de votre photo…', cut_off: 'Le document n’est pas entièrement visible. Placez-le dans le cadre, les quatre coins visibles.',
    blur: 'La photo est floue. Tenez votre téléphone immobile et laissez la caméra faire la mise au point.', glare: 'Il y a un reflet sur le document. Éloignez-vous de la lumière directe ou inclinez un peu le document.',
    anyway: 'Si vous ne pouvez pas prendre une meilleure photo, vous pouvez utiliser celle-ci.', faceStarting: 'Recherche de votre visage…',
    noFace: 'Votre visage n’est pas visible. Regardez la caméra, le visage dans l’ovale.', manyFaces: 'Seul votre visage doit figurer sur la photo.',
    offCentre: 'Placez votre visage au centre de l’ovale.', tooFar: 'Rapprochez-vous : votre visage doit remplir l’ovale.', faceReady: 'Votre visage est bien placé.',
    faceUnavailable: 'La détection du visage n’est pas disponible sur cet appareil. Prenez la photo avec le visage dans l’ovale.',
    lookAhead: 'Regardez droit vers la caméra.', turnLeft: 'Tournez lentement la tête vers la gauche.', turnRight: 'Tournez maintenant lentement la tête vers la droite.',
    turnDone: 'Bravo. Vous pouvez arrêter l’enregistrement.', motionUnsupported: 'Cet appareil ne peut pas enregistrer la vidéo nécessaire : nous vous demanderons plutôt une photo de votre visage.',
    motionContinue: 'Continuer avec une photo',
  },
  selfie: { heading: 'Une photo de votre visage', hint: 'Regardez la caméra, le visage dans l’ovale. Retirez chapeau et lunettes de soleil.' },
  video: {
    heading: 'Une vidéo de votre visage', hint: 'Enregistrez une courte vidéo : regardez la caméra, puis tournez lentement la tête à gauche et à droite.',
    motionHint: 'Tournez lentement la tête à gauche, puis à droite.', start: 'Démarrer l’enregistrement', stop: 'Arrêter l’enregistrement', recording: 'Enregistrement… {{seconds}} s restantes',
    use: 'Utiliser cette vidéo', retake: 'Enregistrer à nouveau', unsupported: 'Ce navigateur ne peut pas enregistrer de vidéo. Ouvrez le lien sur un téléphone ou dans un autre navigateur.',
  },
  profile: {
    heading: 'Vos informations', continue: 'Continuer', optional: '(facultatif)', required: 'Veuillez remplir ce champ.', invalid: 'Veuillez vérifier ce champ.',
    fields: {
      first_name: 'Prénom', last_name: 'Nom', dob: 'Date de naissance', email: 'E-mail', phone_number: 'Numéro de téléphone',
      country_of_residence: 'Pays de résidence', ssn: 'Numéro de sécurité sociale (SSN)', pan: 'PAN (Permanent Account Number)',
      building_number: 'Numéro', street: 'Rue', town: 'Ville', state: 'État ou région', postcode: 'Code postal', country: 'Pays de l’adresse',
    },
    address: 'Adresse', phoneHint: 'Avec l’indicatif du pays, par ex. +33 1 23 45 67 89.', panHint: 'Par exemple ABCDE1234F.', ssnHint: 'Par exemple 123-45-6789.',
  },
  poa: {
    heading: 'Justificatif de domicile', hint: 'Une photo ou un PDF de moins de 3 mois, avec votre nom et votre adresse.', send: 'Envoyer le document', file: 'Document',
    types: {
      utility_bill: 'Facture de service', bank_building_society_statement: 'Relevé bancaire', council_tax: 'Avis de taxe locale',
      benefit_letters: 'Attestation de prestations', government_letter: 'Courrier administratif', other: 'Autre document',
    },
  },
  retry: {
    attempt: 'Essai {{attempt}} sur {{total}}', button: 'Réessayer',
    expired_document: { title: 'Votre document a expiré', description: 'Le document envoyé a expiré. Veuillez utiliser un document valide.', button: 'Utiliser un autre document' },
    unaccepted_document: { title: 'Ce document n’est pas accepté', description: 'Veuillez utiliser un autre type de document, ou un document d’un autre pays.', button: 'Utiliser un autre document' },
    generic_document_issue: { title: 'Nous n’avons pas pu vérifier votre document', description: 'Prenez une nouvelle photo : les quatre coins visibles, nette, sans reflet.', button: 'Prendre une nouvelle photo' },
    generic_selfie_issue: { title: 'Nous n’avons pas pu vérifier votre photo', description: 'Prenez une nouvelle photo de votre visage, bien éclairé, en regardant la caméra.', button: 'Prendre une nouvelle photo' },
    other: { title: 'Veuillez réessayer', description: 'Nous n’avons pas pu utiliser votre envoi.' },
  },
  waiting: {
    checking: 'Nous vérifions vos informations. Cela peut prendre une minute ; gardez cette page ouverte.',
    sending: 'Envoi… gardez cette page ouverte.', offline: 'La connexion a été perdue. Nouvel essai dans {{seconds}} s…', tryNow: 'Réessayer maintenant',
  },
  done: { heading: 'Merci', body: 'C’est terminé. Vous pouvez fermer cette page.', already: 'Cette vérification est déjà terminée. Vous pouvez fermer cette page.' },
  errors: {
    expired: 'Ce lien a expiré. Veuillez demander un nouveau lien.', incomplete: 'Ce lien est incomplet. Veuillez ouvrir à nouveau le lien complet reçu.',
    notFound: 'Cette vérification est introuvable. Vérifiez le lien reçu.', tooLarge: 'Ce fichier est trop volumineux. Choisissez un fichier plus petit ou prenez une photo.',
    invalid: 'Nous n’avons pas pu utiliser votre envoi. Vérifiez-le et réessayez.', generic: 'Une erreur s’est produite. Veuillez réessayer.',
    network: 'La connexion a échoué. Vérifiez votre connexion Internet et réessayez.',
  },
};
