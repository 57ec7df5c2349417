/** The en_US strings of the capture page: every other locale has exactly these keys (test/web/capture-locales.test.ts). */
export const en_US = {
  app: { title: 'Identity verification', language: 'Language', loading: 'Loading…', skip: 'Skip to content' },
  welcome: {
    heading: 'Verify your identity', body: 'It takes a few minutes. You will need an identity document and your camera.', start: 'Start',
  },
  consent: {
    heading: 'Your consent', body: 'To check that you are the person in the document, we compare a photo or video of your face with the photo in your document. This uses biometric data of your face, which is kept only for this check.',
    agree: 'I agree', continue: 'Continue', required: 'Please check "I agree" to continue.',
  },
  // capture branch: cross-device, generic links, profile consents, proof of address, retry pictures
  handoff: {
    heading: 'Continue on your phone?',
    body: 'Your phone\'s camera takes the clearest photos. Continue on your phone, or here with this computer\'s camera or files.',
    forced: 'This verification continues on a phone.',
    phone: 'Continue on your phone',
    here: 'Continue here',
    scan: 'Scan this QR code with your phone\'s camera, or copy the link and open it on your phone. Keep this page open: it follows your phone.',
    qr: 'QR code of the link to continue on your phone',
    link: 'Link for your phone',
    copy: 'Copy link',
    copied: 'The link is copied.',
    copyFailed: 'The link could not be copied. Select it and copy it yourself.',
    waiting: 'Waiting for your phone…',
    progress: 'Steps finished on your phone: {{count}}. Waiting for the next one…',
    finished: 'You finished on your phone. Thank you!',
    backToDesktop: 'You have finished. You can now return to your computer.',
  },
  generic: {
    heading: 'Before you start',
    body: 'Please enter your details as they appear on your identity document.',
    continue: 'Continue',
    unavailable: 'This link is not available. Please check the link you were given.',
    busy: 'Too many verifications were started from your network. Please try again in {{seconds}} s.',
    idNumber: 'Identity number', idType: 'Type of number', idValue: 'Number', choose: 'Choose…', yes: 'Yes', no: 'No',
    listHint: 'One per line.', number: 'Please enter a number.', dateTime: 'Please enter a date and time.',
    idTypes: {
      passport: 'Passport number', identity_card: 'Identity card number', driving_licence: "Driver's license number", tax_id: 'Tax identification number', social_insurance: 'Social insurance number',
      ssn: 'Social Security number', voter_id: 'Voter ID number', share_code: 'Share code', other: 'Other number',
    },
  },
  consents: {
    heading: 'Your consent',
    ssn_verification: 'I agree that my Social Security number is checked against official records to verify my identity.',
    phone_number_verification: 'I agree that my phone number is checked with my mobile network operator to verify my identity.',
    required: 'Please check this box to continue.',
  },
  poaCapture: {
    country: 'Country of your address',
    countryHint: 'The country of the address on your document. Start typing to search.',
    typeRequired: 'Please choose a document type.',
    guideHeading: 'Your {{doc}}',
    guideRecent: 'Issued in the last 3 months.',
    guideName: 'Shows your full name and your current address.',
    guideWhole: 'The whole page is visible: all four corners, in focus, no glare.',
    guidePdf: 'A PDF from your bank or provider gives the best result.',
    camera: 'Take a photo of it',
    fileHint: 'PDF, JPG or PNG, up to 10 MB.',
    badFile: 'Please choose a PDF, JPG or PNG file of up to 10 MB.',
    photoHeading: 'Photo of your {{doc}}',
    photoHint: 'Place the whole page inside the frame, all four corners visible.',
  },
  retryPictures: {
    expired_document: 'Example: an identity document whose expiry date has passed',
    unaccepted_document: 'Example: a document of a type or country that is not accepted',
    generic_document_issue: 'Example: a document photo with glare and a corner cut off',
    generic_selfie_issue: 'Example: a face photo in poor light, half in shadow',
  },
  // end of capture branch block
  document: {
    heading: 'Your identity document', country: 'Country', countryHint: 'The country that issued your document. Start typing to search.',
    countryUnknown: 'Please choose a country from the list.', type: 'Document type', typeNone: 'No document from this country is accepted. Please choose another country.',
    next: 'Continue', front: 'Front of your {{doc}}', back: 'Back of your {{doc}}', frontHint: 'Place the page with your photo inside the frame, all four corners visible.',
    backHint: 'Turn your document over and place the back inside the frame.',
    types: { passport: 'Passport', driving_licence: "Driver's license", national_identity_card: 'National identity card', residence_permit: 'Residence permit' },
  },
  camera: {
    take: 'Take photo', upload: 'Upload a file', retake: 'Retake', use: 'Use this photo', review: 'Check your photo',
    reviewHint: 'Make sure all details are clear and readable, with no glare or blur.', preview: 'Your photo', view: 'Camera view',
    starting: 'Starting the camera…', unavailable: 'The camera is not available. You can upload a photo instead.',
    blocked: 'Camera access was not allowed. Allow the camera in your browser settings, or upload a photo instead.',
    badFile: 'This file is not a photo we can use. Please choose a JPG or PNG photo.',
  },
  checks: {
    checking: 'Checking your photo…', cut_off: 'We cannot see the whole document. Place it inside the frame with all four corners visible.',
    blur: 'The photo is blurred. Hold your phone steady and let the camera focus.', glare: 'There is glare on the document. Move away from direct light or tilt the document a little.',
    anyway: 'If you cannot take a better photo, you can use this one.', faceStarting: 'Looking for your face…',
    noFace: 'We cannot see your face. Look at the camera, with your face inside the oval.', manyFaces: 'Only your face should be in the photo.',
    offCentre: 'Move your face to the center of the oval.', tooFar: 'Come closer: your face should fill the oval.', faceReady: 'Your face is in position.',
    faceUnavailable: 'Face detection is not available on this device. Take the photo with your face inside the oval.',
    lookAhead: 'Look straight at the camera.', turnLeft: 'Slowly turn your head to the left.', turnRight: 'Now slowly turn your head to the right.',
    turnDone: 'Well done. You can stop recording.', motionUnsupported: 'This device cannot record the video we need, so we will ask for a photo of your face instead.',
    motionContinue: 'Continue with a photo',
  },
  selfie: { heading: 'A photo of your face', hint: 'Look straight at the camera, with your face inside the oval. Remove hats and sunglasses.' },
  video: {
    heading: 'A video of your face', hint: 'Record a short video: look at the camera, then slowly turn your head to the left and to the right.',
    motionHint: 'Slowly turn your head to the left, then to the right.', start: 'Start recording', stop: 'Stop recording', recording: 'Recording… {{seconds}} s left',
    use: 'Use this video', retake: 'Record again', unsupported: 'This browser cannot record video. Please open the link on a phone or in another browser.',
    tryAgain: "Try again", blocked: "Camera access was not allowed. Allow the camera in your browser settings, then try again.",
    unavailable: "The camera is not available. Connect a camera or continue on your phone, then try again.",
  },
  profile: {
    heading: 'Your details', continue: 'Continue', optional: '(optional)', required: 'Please fill in this field.', invalid: 'Please check this field.',
    fields: {
      first_name: 'First name', last_name: 'Last name', dob: 'Date of birth', email: 'Email', phone_number: 'Phone number',
      country_of_residence: 'Country of residence', ssn: 'Social Security number', pan: 'PAN (Permanent Account Number)',
      building_number: 'Building number', street: 'Street', town: 'Town or city', state: 'State or region', postcode: 'ZIP or postal code', country: 'Country of address',
    },
    address: 'Address', phoneHint: 'With the country code, e.g. +1 202 555 0143.', panHint: 'For example ABCDE1234F.', ssnHint: 'For example 123-45-6789.',
  },
  poa: {
    heading: 'Proof of address', hint: 'A photo or a PDF, dated within the last 3 months, showing your name and address.',
    types: {
      utility_bill: 'Utility bill', bank_building_society_statement: 'Bank statement', council_tax: 'Council tax letter',
      benefit_letters: 'Benefits letter', government_letter: 'Government letter', other: 'Other document',
    },
  },
  retry: {
    attempt: 'Attempt {{attempt}} of {{total}}', button: 'Try again',
    expired_document: { title: 'Your document has expired', description: 'The document you sent has expired. Please use a valid document that has not expired.', button: 'Use another document' },
    unaccepted_document: { title: 'This document is not accepted', description: 'Please use another type of document, or a document from another country.', button: 'Use another document' },
    generic_document_issue: { title: 'We could not check your document', description: 'Please take a new photo: all four corners visible, in focus, with no glare.', button: 'Take a new photo' },
    generic_selfie_issue: { title: 'We could not check your photo', description: 'Please take a new photo of your face, in good light, looking at the camera.', button: 'Take a new photo' },
    other: { title: 'Please try again', description: 'We could not use what you sent.' },
  },
  waiting: {
    checking: 'We are checking your details. This can take a minute; please keep this page open.',
    sending: 'Sending… please keep this page open.', offline: 'The connection was lost. Trying again in {{seconds}} s…', tryNow: 'Try now',
  },
  done: { heading: 'Thank you', body: 'You have finished. You can close this page now.', already: 'This verification is already completed. You can close this page.' },
  errors: {
    expired: 'This link has expired. Please ask for a new link.', incomplete: 'This link is not complete. Please open the full link you were sent again.',
    notFound: 'This verification could not be found. Please check the link you were sent.', tooLarge: 'This file is too large. Please choose a smaller file or take a photo.',
    invalid: 'We could not use what you sent. Please check it and try again.', generic: 'Something went wrong. Please try again.',
    network: 'The connection failed. Check your internet connection and try again.',
    expiredHeading: "This link has expired", problemHeading: "Something went wrong",
    tryAgain: "Try again",
  },
};

/** A locale's strings: the en_US shape with every leaf a string. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Strings = Shape<typeof en_US>;
