/**
 * The words the synthetic corpus is made of: teams, channels, personas, business
 * domains, kinds of journey with their stages and events, and message texts.
 */

export type Role = 'information' | 'acquisition' | 'conversion' | 'onboarding' | 'usage' | 'support' | 'billing' | 'retention' | 'feedback';

export const TEAMS: readonly (readonly [id: string, name: string, contact: string])[] = [
  ['team-crm', 'CRM & lifecycle marketing', 'crm@company.example'],
  ['team-onboarding', 'Customer onboarding', 'onboarding@company.example'],
  ['team-kyc', 'KYC operations', 'kyc-ops@company.example'],
  ['team-cards', 'Cards & payments', 'cards@company.example'],
  ['team-billing', 'Billing & invoicing', 'billing@company.example'],
  ['team-collections', 'Collections & recovery', 'collections@company.example'],
  ['team-claims', 'Claims handling', 'claims@company.example'],
  ['team-policy-service', 'Policy service centre', 'service-centre@company.example'],
  ['team-ecommerce', 'Web shop & customer marketing', 'webshop@company.example'],
  ['team-logistics', 'Fulfilment, delivery & returns', 'logistics@company.example'],
  ['team-product-growth', 'Product-led growth', 'growth@company.example'],
  ['team-customer-success', 'Customer success', 'cs@company.example'],
  ['team-private-banking', 'Private banking advisors', 'advisors@company.example'],
  ['team-contact-centre', 'Contact centre', '#contact-centre'],
  ['team-digital', 'Digital channels (web & app)', 'digital@company.example'],
  ['team-retention', 'Retention & loyalty', 'retention@company.example'],
  ['team-field-service', 'Field service & technicians', 'field@company.example'],
  ['team-network-ops', 'Network operations', '#network-ops'],
  ['team-complaints', 'Complaints & customer relations', 'complaints@company.example'],
  ['team-partners', 'Partner & broker management', 'partners@company.example'],
];

/** Declared in channels.yaml, on top of the built-in ones. */
export const DECLARED_CHANNELS: readonly (readonly [id: string, name: string, outbound: boolean])[] = [
  ['whatsapp', 'WhatsApp Business', true],
  ['rcs', 'RCS business messaging', true],
  ['partner-portal', 'Broker & partner portal', false],
  ['kiosk', 'In-store kiosk', false],
];

export const OUTBOUND = new Set(['email', 'sms', 'push', 'in-app', 'mail', 'phone', 'whatsapp', 'rcs']);

export const PERSONAS: readonly (readonly [id: string, name: string])[] = [
  ['young-professional', 'Young professional, mobile first'],
  ['family-household', 'Family household with home and motor cover'],
  ['self-employed', 'Self-employed consultant, one-person company'],
  ['small-business-owner', 'Small business owner with 5-20 staff'],
  ['online-shopper', 'Regular online shopper, app user'],
  ['saas-admin', 'Finance operations lead rolling out a B2B tool'],
  ['hnw-investor', 'High-net-worth investor, still working'],
  ['retiree', 'Retired customer, prefers phone and paper'],
  ['student', 'Student with a first account and a tight budget'],
  ['expat', 'Newly arrived expat, no local credit history'],
  ['frequent-traveller', 'Frequent traveller, books on the go'],
  ['vulnerable-customer', 'Customer in a vulnerable situation (illness, bereavement, debt)'],
];

export interface Domain {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly product: string;
  readonly teams: readonly string[];
}

export const DOMAINS: readonly Domain[] = [
  { id: 'bank', name: 'Retail bank', host: 'bank.example', product: 'current account', teams: ['team-crm', 'team-onboarding', 'team-kyc', 'team-cards', 'team-contact-centre', 'team-digital'] },
  { id: 'insurer', name: 'Home & motor insurer', host: 'insurer.example', product: 'home insurance policy', teams: ['team-policy-service', 'team-claims', 'team-billing', 'team-partners', 'team-crm'] },
  { id: 'telecom', name: 'Mobile & broadband operator', host: 'telco.example', product: 'fibre subscription', teams: ['team-network-ops', 'team-field-service', 'team-billing', 'team-contact-centre', 'team-retention'] },
  { id: 'shop', name: 'Online retailer', host: 'shop.example', product: 'order', teams: ['team-ecommerce', 'team-logistics', 'team-crm', 'team-contact-centre'] },
  { id: 'saas', name: 'B2B software vendor', host: 'saas.example', product: 'workspace plan', teams: ['team-product-growth', 'team-customer-success', 'team-billing', 'team-digital'] },
  { id: 'utility', name: 'Energy supplier', host: 'energy.example', product: 'energy contract', teams: ['team-billing', 'team-collections', 'team-field-service', 'team-contact-centre', 'team-crm'] },
  { id: 'wealth', name: 'Wealth manager', host: 'wealth.example', product: 'managed portfolio', teams: ['team-private-banking', 'team-kyc', 'team-crm', 'team-complaints'] },
  { id: 'accounting', name: 'Accounting firm', host: 'accounting.example', product: 'bookkeeping engagement', teams: ['team-customer-success', 'team-onboarding', 'team-billing', 'team-digital'] },
  { id: 'travel', name: 'Travel agency', host: 'travel.example', product: 'trip booking', teams: ['team-ecommerce', 'team-contact-centre', 'team-crm', 'team-partners'] },
  { id: 'health', name: 'Health insurer', host: 'health.example', product: 'health plan', teams: ['team-claims', 'team-policy-service', 'team-complaints', 'team-onboarding', 'team-retention'] },
];

export interface Kind {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly stages: readonly (readonly [id: string, name: string, role: Role])[];
  readonly events: readonly string[];
}

export const KINDS: readonly Kind[] = [
  {
    id: 'onboarding',
    title: 'Opening a {product}',
    description: 'From the first search to the first real use of the {product}, including identity checks and activation.',
    stages: [
      ['discovery', 'Discovery', 'acquisition'],
      ['application', 'Application', 'conversion'],
      ['verification', 'Identity & document checks', 'onboarding'],
      ['activation', 'Activation', 'onboarding'],
      ['first-use', 'First use', 'usage'],
      ['settling-in', 'Settling in', 'usage'],
    ],
    events: ['prospect.searched', 'prospect.landed', 'application.started', 'application.abandoned', 'application.submitted', 'kyc.documents-missing', 'kyc.completed', 'contract.signed', 'account.opened', 'credentials.activated', 'first-use.completed', 'welcome-call.booked'],
  },
  {
    id: 'renewal',
    title: 'Renewing a {product}',
    description: 'The weeks before and after the renewal date of a {product}: notice, offer, decision and confirmation.',
    stages: [
      ['pre-renewal', 'Before renewal', 'information'],
      ['offer', 'Renewal offer', 'retention'],
      ['decision', 'Decision', 'conversion'],
      ['confirmation', 'Confirmation', 'information'],
      ['after-renewal', 'After renewal', 'feedback'],
    ],
    events: ['renewal.upcoming', 'renewal.offer-sent', 'renewal.offer-viewed', 'renewal.quote-requested', 'renewal.accepted', 'renewal.declined', 'renewal.lapsed', 'contract.renewed', 'price.changed', 'loyalty.reward-granted'],
  },
  {
    id: 'collection',
    title: 'Collecting an unpaid invoice for a {product}',
    description: 'From the invoice to payment, a payment plan or suspension, with reminders the customer can act on.',
    stages: [
      ['invoice', 'Invoice', 'billing'],
      ['reminder', 'Reminders', 'billing'],
      ['dunning', 'Formal notice', 'billing'],
      ['recovery', 'Payment plan', 'support'],
      ['resolution', 'Resolution', 'information'],
    ],
    events: ['invoice.issued', 'invoice.due', 'payment.failed', 'payment.overdue', 'payment.plan-requested', 'payment.plan-agreed', 'payment.received', 'direct-debit.returned', 'service.suspended', 'service.restored'],
  },
  {
    id: 'claim',
    title: 'Handling a claim on a {product}',
    description: 'A customer declares a loss; assessment, decision and settlement follow, and the customer is asked how it went.',
    stages: [
      ['declaration', 'Declaration', 'support'],
      ['assessment', 'Assessment', 'information'],
      ['decision', 'Decision', 'information'],
      ['settlement', 'Settlement', 'billing'],
      ['feedback', 'Feedback', 'feedback'],
    ],
    events: ['claim.declared', 'claim.documents-requested', 'claim.documents-received', 'expert.appointed', 'claim.assessed', 'claim.approved', 'claim.rejected', 'settlement.paid', 'claim.closed', 'claim.reopened'],
  },
  {
    id: 'support',
    title: 'Getting help with a {product}',
    description: 'A customer has a problem with their {product}: first contact, diagnosis, resolution and follow-up.',
    stages: [
      ['contact', 'First contact', 'support'],
      ['diagnosis', 'Diagnosis', 'support'],
      ['resolution', 'Resolution', 'support'],
      ['follow-up', 'Follow-up', 'feedback'],
    ],
    events: ['ticket.opened', 'ticket.escalated', 'callback.requested', 'diagnosis.completed', 'technician.booked', 'incident.resolved', 'ticket.closed', 'ticket.reopened', 'survey.sent', 'help-article.viewed'],
  },
  {
    id: 'win-back',
    title: 'Winning back a customer who left a {product}',
    description: 'Signals of churn, the save attempt, the offer and, when it works, a second onboarding.',
    stages: [
      ['churn-signal', 'Churn signal', 'retention'],
      ['outreach', 'Outreach', 'retention'],
      ['offer', 'Offer', 'acquisition'],
      ['return', 'Return', 'conversion'],
      ['re-onboarding', 'Second onboarding', 'onboarding'],
    ],
    events: ['usage.dropped', 'cancellation.requested', 'contract.ended', 'winback.offer-sent', 'winback.offer-viewed', 'winback.offer-accepted', 'customer.returned', 'exit-survey.completed', 'save-call.completed', 'account.closed'],
  },
  {
    id: 'upgrade',
    title: 'Upgrading a {product}',
    description: 'From the first sign that the customer outgrows their {product} to the adoption of the new features.',
    stages: [
      ['usage-signal', 'Usage signal', 'usage'],
      ['proposal', 'Proposal', 'acquisition'],
      ['trial', 'Trial', 'conversion'],
      ['conversion', 'Conversion', 'conversion'],
      ['adoption', 'Adoption', 'usage'],
    ],
    events: ['usage.limit-reached', 'feature.discovered', 'upgrade.proposed', 'trial.started', 'trial.ending', 'trial.ended', 'plan.upgraded', 'plan.downgraded', 'feature.adopted', 'seat.added'],
  },
  {
    id: 'delivery',
    title: 'Delivering a {product}',
    description: 'Everything the customer hears between the confirmation and the delivery, and the return if it comes to that.',
    stages: [
      ['order', 'Order', 'conversion'],
      ['preparation', 'Preparation', 'information'],
      ['shipping', 'Shipping', 'information'],
      ['delivery', 'Delivery', 'information'],
      ['returns', 'Returns', 'support'],
    ],
    events: ['order.placed', 'order.confirmed', 'payment.authorized', 'order.packed', 'parcel.shipped', 'parcel.delayed', 'parcel.delivered', 'delivery.failed', 'return.requested', 'refund.issued'],
  },
  {
    id: 'moving-home',
    title: 'Moving home with a {product}',
    description: 'The customer moves: the {product} follows them, with a new address, a transfer and a first bill.',
    stages: [
      ['announcement', 'Announcement', 'information'],
      ['planning', 'Planning', 'support'],
      ['switch', 'Switch-over', 'usage'],
      ['settling-in', 'Settling in', 'retention'],
    ],
    events: ['move.announced', 'address.changed', 'meter.read', 'contract.transferred', 'appointment.booked', 'technician.visited', 'service.activated', 'welcome-pack.sent', 'first-bill.issued', 'move.completed'],
  },
  {
    id: 'complaint',
    title: 'Resolving a complaint about a {product}',
    description: 'A complaint from its receipt to its closure, within the regulatory deadlines, escalation included.',
    stages: [
      ['complaint', 'Complaint', 'support'],
      ['acknowledgement', 'Acknowledgement', 'information'],
      ['investigation', 'Investigation', 'support'],
      ['response', 'Response', 'information'],
      ['closure', 'Closure', 'feedback'],
    ],
    events: ['complaint.received', 'complaint.acknowledged', 'complaint.assigned', 'investigation.started', 'information.requested', 'response.sent', 'complaint.escalated', 'ombudsman.referred', 'complaint.closed', 'goodwill.paid'],
  },
];

export const SEGMENTS: readonly string[] = ['retail', 'business', 'premium', 'student', 'senior', 'family', 'digital', 'branch', 'partner', 'expat', 'young-adult', 'small-business'];

/** Where each kind of touchpoint happens; about half of all touchpoints are outbound messages. */
export const CHANNELS_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  acquisition: ['ads', 'web', 'social', 'email', 'event', 'partner-portal', 'web', 'ads'],
  conversion: ['web', 'app', 'branch', 'phone', 'email', 'selfcare', 'partner-portal', 'kiosk', 'web'],
  onboarding: ['email', 'sms', 'push', 'in-app', 'app', 'web', 'selfcare', 'mail', 'app', 'branch'],
  usage: ['app', 'in-app', 'push', 'email', 'web', 'selfcare', 'app', 'web'],
  support: ['phone', 'chat', 'web', 'selfcare', 'email', 'branch', 'whatsapp', 'chat', 'web'],
  billing: ['email', 'mail', 'sms', 'selfcare', 'web', 'app'],
  retention: ['email', 'phone', 'mail', 'web', 'whatsapp', 'branch'],
  information: ['email', 'sms', 'web', 'mail', 'app', 'in-app', 'selfcare'],
  feedback: ['email', 'review-site', 'in-app', 'web', 'sms'],
};

export const TOPICS_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  information: ['status-update', 'terms-change', 'confirmation', 'receipt', 'notice', 'statement-ready', 'next-steps', 'document-ready'],
  acquisition: ['offer', 'teaser', 'retargeting', 'landing', 'comparison', 'webinar-invite', 'referral', 'simulator'],
  conversion: ['checkout', 'signature', 'application-form', 'quote', 'order-confirmation', 'appointment', 'eligibility-check'],
  onboarding: ['welcome', 'setup-guide', 'activation-nudge', 'tutorial', 'first-steps', 'profile-completion', 'security-setup'],
  usage: ['tips', 'feature-highlight', 'usage-summary', 'reminder', 'monthly-digest', 'milestone'],
  support: ['help-article', 'callback', 'assist', 'ticket-update', 'troubleshooting', 'escalation', 'visit'],
  billing: ['invoice', 'payment-due', 'payment-failed', 'payment-receipt', 'direct-debit-setup', 'statement', 'final-notice'],
  retention: ['renewal-notice', 'loyalty-offer', 'save-call', 'anniversary', 'price-lock', 'win-back'],
  feedback: ['nps-survey', 'csat-survey', 'review-request', 'interview-invite', 'exit-survey'],
};

export const CHANNEL_WORD: Readonly<Record<string, string>> = {
  email: 'email',
  sms: 'sms',
  push: 'push',
  'in-app': 'in-app',
  web: 'page',
  app: 'screen',
  phone: 'call',
  chat: 'chat',
  branch: 'visit',
  mail: 'letter',
  social: 'post',
  ads: 'ad',
  event: 'event',
  selfcare: 'portal',
  'review-site': 'review',
  whatsapp: 'whatsapp',
  rcs: 'rcs',
  'partner-portal': 'partner',
  kiosk: 'kiosk',
};

export const TOOLS_BY_CHANNEL: Readonly<Record<string, readonly string[]>> = {
  email: ['salesforce-marketing-cloud', 'braze', 'sendgrid', 'adobe-campaign', 'litmus'],
  sms: ['twilio', 'braze', 'sinch', 'adobe-campaign'],
  push: ['braze', 'firebase', 'airship'],
  'in-app': ['braze', 'appcues', 'pendo'],
  web: ['cms', 'adobe-analytics', 'optimizely', 'contentful', 'hotjar'],
  app: ['mobile-app', 'firebase', 'amplitude'],
  phone: ['genesys', 'salesforce-service-cloud', 'five9'],
  chat: ['genesys-chat', 'zendesk', 'knowledge-base', 'intercom'],
  branch: ['branch-crm', 'appointment-booking', 'qmatic'],
  mail: ['print-house', 'docuware', 'quadient'],
  social: ['sprinklr', 'hootsuite', 'meta-ads'],
  ads: ['google-ads', 'campaign-manager', 'meta-ads', 'the-trade-desk'],
  event: ['eventbrite', 'salesforce', 'on24'],
  selfcare: ['selfcare-portal', 'okta', 'adobe-analytics'],
  'review-site': ['trustpilot', 'google-reviews', 'feefo'],
  whatsapp: ['whatsapp-business', 'twilio', 'sinch'],
  rcs: ['google-rbm', 'sinch'],
  'partner-portal': ['partner-portal', 'salesforce-experience-cloud'],
  kiosk: ['kiosk-suite', 'qmatic'],
};

export const KPIS_BY_CHANNEL: Readonly<Record<string, readonly (readonly [metric: string, low: number, high: number, decimals: number])[]>> = {
  email: [['open-rate', 0.2, 0.6, 2], ['click-rate', 0.02, 0.2, 3], ['unsubscribe-rate', 0.001, 0.01, 3]],
  sms: [['click-rate', 0.05, 0.3, 2], ['delivery-rate', 0.95, 0.995, 3], ['opt-out-rate', 0.001, 0.02, 3]],
  push: [['open-rate', 0.03, 0.15, 3], ['opt-out-rate', 0.001, 0.02, 3]],
  'in-app': [['click-rate', 0.05, 0.4, 2], ['completion-rate', 0.3, 0.9, 2]],
  web: [['conversion-rate', 0.01, 0.2, 3], ['bounce-rate', 0.2, 0.6, 2], ['task-success-rate', 0.6, 0.95, 2]],
  app: [['task-success-rate', 0.6, 0.95, 2], ['ces', 1.5, 3, 1], ['conversion-rate', 0.05, 0.5, 2]],
  phone: [['fcr', 0.6, 0.9, 2], ['csat', 3.8, 4.8, 1], ['resolution-time', 2, 48, 0], ['average-handle-time', 180, 900, 0]],
  chat: [['fcr', 0.6, 0.9, 2], ['csat', 3.8, 4.8, 1], ['containment-rate', 0.3, 0.8, 2]],
  branch: [['csat', 4, 4.9, 1], ['nps', 20, 60, 0], ['conversion-rate', 0.2, 0.7, 2]],
  mail: [['response-rate', 0.02, 0.2, 2], ['return-rate', 0.001, 0.02, 3]],
  social: [['engagement-rate', 0.01, 0.08, 3], ['click-rate', 0.005, 0.03, 3]],
  ads: [['click-rate', 0.005, 0.06, 3], ['cost-per-acquisition', 20, 150, 0]],
  event: [['attendance-rate', 0.3, 0.8, 2], ['nps', 20, 70, 0]],
  selfcare: [['task-success-rate', 0.7, 0.95, 2], ['ces', 1.5, 3, 1], ['digital-adoption', 0.4, 0.9, 2]],
  'review-site': [['average-rating', 4, 4.8, 1], ['response-rate', 0.05, 0.3, 2]],
  whatsapp: [['read-rate', 0.6, 0.95, 2], ['fcr', 0.6, 0.9, 2]],
  rcs: [['read-rate', 0.5, 0.9, 2], ['click-rate', 0.05, 0.3, 2]],
  'partner-portal': [['task-success-rate', 0.7, 0.95, 2], ['csat', 3.8, 4.7, 1]],
  kiosk: [['task-success-rate', 0.6, 0.9, 2], ['usage-rate', 0.1, 0.5, 2]],
};

export const INTENTS_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  information: ['inform-status', 'confirm-request', 'announce-change', 'share-document'],
  acquisition: ['present-offer', 'invite-to-apply', 'compare-options', 'book-demo'],
  conversion: ['complete-application', 'sign-contract', 'confirm-order', 'book-appointment'],
  onboarding: ['activate-account', 'complete-profile', 'set-up-security', 'discover-features'],
  usage: ['use-feature', 'review-usage', 'set-preferences', 'celebrate-milestone'],
  support: ['solve-problem', 'book-callback', 'track-ticket', 'send-documents'],
  billing: ['pay-invoice', 'update-payment-method', 'set-up-direct-debit', 'agree-payment-plan'],
  retention: ['renew-contract', 'accept-loyalty-offer', 'reconsider-cancellation', 'review-plan'],
  feedback: ['rate-experience', 'write-review', 'answer-survey', 'join-interview'],
};

export const SUBJECTS_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  information: ['An update on your {product}', 'What changes for your {product}', 'Your {product} documents are ready', 'We have received your request'],
  acquisition: ['A {product} that fits the way you live', 'See what a {product} can do for you', 'Your personal offer is waiting', 'Compare and choose in a few minutes'],
  conversion: ['Finish your application in a few minutes', 'One signature and you are done', 'Please confirm your {product}', 'Your appointment is booked'],
  onboarding: ['Welcome aboard!', 'Activate your {product} today', 'Three steps to get started', 'Secure your access in two minutes'],
  usage: ['Make more of your {product}', 'Your monthly summary', 'A feature you have not tried yet', 'You reached a milestone'],
  support: ['We are on it', 'Your request has been updated', 'Book a call with an advisor', 'We need a few documents from you'],
  billing: ['Your invoice is available', 'Your payment is due soon', 'Your payment did not go through', 'Set up automatic payments'],
  retention: ['Your {product} renews soon', 'Thank you for staying with us', 'Before you go', 'A better plan for you'],
  feedback: ['How did we do?', 'Tell us what you think', 'Would you recommend us?', 'Help us improve'],
};

export const SENTENCES_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  information: [
    'Here is where things stand with your {product}.',
    'Nothing is needed from you for now; we will write again when the next step is done.',
    'You can follow every step from your online space, at any time.',
    'The new conditions apply from the start of next month.',
  ],
  acquisition: [
    'Open your {product} online in a few minutes, without paperwork.',
    'Customers like you chose it for its clear prices and its mobile app.',
    'Compare the options side by side and pick the one that suits you.',
    'An advisor can answer your questions by phone or in a branch.',
  ],
  conversion: [
    'You are almost done: only a few details are missing.',
    'Sign electronically from your phone; it takes less than two minutes.',
    'Check the summary below and confirm to finish.',
    'Your advisor will have everything ready when you arrive.',
  ],
  onboarding: [
    'Welcome! Your {product} is ready to use.',
    'Activate your online space to follow everything in one place.',
    'Set up your secure access now so that you never get locked out.',
    'Here are the first three things our customers do.',
  ],
  usage: [
    'Here is a summary of the last weeks with your {product}.',
    'Did you know you can manage everything from the app?',
    'Turn on notifications to hear about what matters, and nothing else.',
    'A short guide shows you how in a few steps.',
  ],
  support: [
    'We have received your request and a specialist is looking into it.',
    'You can reply to this message to add details or documents.',
    'If you prefer to talk, book a call at a time that suits you.',
    'Most questions are answered in our help centre.',
  ],
  billing: [
    'Your latest invoice for your {product} is available in your online space.',
    'Pay in one click from the link below, or set up a direct debit.',
    'If you have already paid, please ignore this message.',
    'If paying is difficult right now, talk to us: we can agree on a plan.',
  ],
  retention: [
    'Your {product} renews soon; here is what changes and what does not.',
    'As a loyal customer, you can keep your current price for another year.',
    'If something is not right, tell us before you decide.',
    'You can change your plan at any time from your online space.',
  ],
  feedback: [
    'Your opinion helps us improve what we do.',
    'The survey takes less than two minutes.',
    'Tell us what went well and what did not.',
    'Every answer is read by the team that runs this service.',
  ],
};

/** Second sentences of messages, any role. */
export const DETAILS: readonly string[] = [
  'It only takes a few minutes from your phone or computer.',
  'Everything is also available in the app, under Documents.',
  'Your advisor has the same information and can help by phone.',
  'Keep this message: you will need the reference it contains.',
  'The details are in your online space, in the Messages tab.',
  'If anything looks wrong, reply and we will correct it quickly.',
  'You can change how we contact you in your preferences.',
  'Nothing else is needed from you for now.',
  'The next step starts as soon as we hear from you.',
  'Customers who do it now save themselves a call later.',
  'We will remind you once, and then leave it up to you.',
  'Our opening hours and the help centre are linked below.',
  'For your security, we never ask for your password by message.',
  'A short video shows each step, with subtitles.',
  'If you need more time, just tell us.',
  'The same offer is open to the other members of your household.',
  'You will find a summary attached, in a format you can print.',
  'Our team reads every reply personally.',
  'There is no cost and no commitment.',
  'The change is effective once you have confirmed it.',
  'Please have your customer number at hand if you call us.',
  'You can also drop by any branch, with or without an appointment.',
  'We have kept this short; the full conditions are online.',
  'Thank you for your patience while we sort this out.',
];

export const NARRATIVE: readonly string[] = [
  'This is where most customers hesitate, so the message has to be short and concrete.',
  'The team reviewed this step with the contact centre after a peak of calls in the spring.',
  'Customers read it on their phone, often between two other things: one action, one link.',
  'Legal asked for the wording of the second paragraph; do not change it without them.',
  'When this step fails, the customer usually calls; the call script mirrors this message.',
  'We measured a clear drop in repeat contacts after the last rewrite.',
  'The tone is warm but factual: no exclamation marks, no jargon.',
  'A/B tests on the subject line ran for six weeks; the winner is the current one.',
  'The advisor sees the same information in the CRM when the customer calls.',
  'Vulnerable customers get a call instead of this message when the flag is set.',
];

/**
 * The five segments of the segment-family corpus, as a bank runs one journey per segment on
 * the same events: each with the share of the company's standard fee it pays.
 */
export const FAMILY_SEGMENTS: readonly (readonly [id: string, name: string, feeShare: number])[] = [
  ['retail', 'Retail customers', 1],
  ['premium', 'Premium customers, salary paid in', 0.5],
  ['private', 'Private banking clients', 0],
  ['business', 'Business customers', 1.5],
  ['young-adult', 'Young adults, 18 to 25', 0.25],
];
