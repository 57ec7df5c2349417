import type { Strings } from './en_US';

export const fr_FR: Strings = {
  app: { title: 'Vérification d’identité', language: 'Langue', loading: 'Chargement…', skip: 'Aller au contenu' },
  welcome: { heading: 'Vérifiez votre identité', body: 'Cela prend quelques minutes. Vous aurez besoin d’une pièce d’identité et de votre caméra.', start: 'Commencer' },
  consent: {
    heading: 'Votre consentement', body: 'Pour vérifier que vous êtes la personne du document, nous comparons une photo ou une vidéo de votre visage avec la photo de votre document. Cela utilise des données biométriques de votre visage, conservées uniquement pour cette vérification.',
    agree: 'J’accepte', continue: 'Continuer', required: 'Veuillez cocher « J’accepte » pour continuer.',
  },
  // capture branch: cross-device, generic links, profile consents, proof of address, retry pictures
  handoff: {
    heading: 'Continuer sur votre téléphone ?',
    body: 'L’appareil photo de votre téléphone prend les photos les plus nettes. Continuez sur votre téléphone, ou ici avec la caméra ou les fichiers de cet ordinateur.',
    forced: 'Cette vérification se poursuit sur un téléphone.',
    phone: 'Continuer sur votre téléphone',
    here: 'Continuer ici',
    scan: 'Scannez ce code QR avec l’appareil photo de votre téléphone, ou copiez le lien et ouvrez-le sur votre téléphone. Gardez cette page ouverte : elle suit votre téléphone.',
    qr: 'Code QR du lien pour continuer sur votre téléphone',
    link: 'Lien pour votre téléphone',
    copy: 'Copier le lien',
    copied: 'Le lien est copié.',
    copyFailed: 'Le lien n’a pas pu être copié. Sélectionnez-le et copiez-le vous-même.',
    waiting: 'En attente de votre téléphone…',
    progress: 'Étapes terminées sur votre téléphone : {{count}}. En attente de la suivante…',
    finished: 'Vous avez terminé sur votre téléphone. Merci !',
    backToDesktop: 'Vous avez terminé. Vous pouvez revenir à votre ordinateur.',
  },
  generic: {
    heading: 'Avant de commencer',
    body: 'Saisissez vos informations telles qu’elles figurent sur votre pièce d’identité.',
    continue: 'Continuer',
    unavailable: 'Ce lien n’est pas disponible. Vérifiez le lien que vous avez reçu.',
    busy: 'Trop de vérifications ont été lancées depuis votre réseau. Réessayez dans {{seconds}} s.',
  },
  consents: {
    heading: 'Votre consentement',
    ssn_verification: 'J’accepte que mon numéro de sécurité sociale (SSN) soit vérifié auprès de registres officiels pour confirmer mon identité.',
    phone_number_verification: 'J’accepte que mon numéro de téléphone soit vérifié auprès de mon opérateur mobile pour confirmer mon identité.',
    required: 'Cochez cette case pour continuer.',
  },
  // end of capture branch block
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
