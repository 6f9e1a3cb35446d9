// The coffee shop's chat page: sign up, confirm and sign in with the user pool
// (amazon-cognito-identity-js), then talk to the Lex V2 bot with credentials the identity pool
// gives for the signed-in user, or for a guest before that (AWS SDK for JavaScript v3).
// `npm start` bundles this file for the browser and serves the page.
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } from 'amazon-cognito-identity-js';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';

const config = window.chatConfig;
// Where the AWS calls go: the local sandbox when `npm start` serves this page (it sets
// SANDBOX_ENDPOINT when it bundles this file), AWS itself otherwise.
const endpoint = process.env.SANDBOX_ENDPOINT || undefined;

const $ = (selector) => document.querySelector(selector);

// Placeholders still in config.js: say what to do rather than fail on the first click.
const missing = Object.entries({ ...config.cognito, ...config.lex, region: config.region })
  .filter(([, value]) => /^(YOUR_|userpoolId$|ClientId$)/.test(value))
  .map(([key]) => key);
if (missing.length > 0) {
  $('#status').textContent = `config.js still lacks ${missing.join(', ')}: run "Cognito Bot: Put Ids into Workspace…" in VS Code, then reload.`;
  for (const form of document.querySelectorAll('form')) form.inert = true;
  throw new Error(`config.js still lacks ${missing.join(', ')}`);
}

const userPool = new CognitoUserPool({ UserPoolId: config.cognito.userPoolId, ClientId: config.cognito.clientId, endpoint });
// Cognito's region: the identity pool's id starts with it.
const identityClient = new CognitoIdentityClient({ region: config.cognito.identityPoolId.split(':')[0], endpoint });

let lex = lexClient(undefined);
// One conversation per visitor; a new one after signing in or out. (getRandomValues, not
// randomUUID: the page may be served over plain http from a name other than localhost.)
const newSessionId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
let sessionId = newSessionId();

/** A Lex client signing with the identity pool's credentials: the user's with an ID token, a guest's without. */
function lexClient(idToken) {
  const credentials = fromCognitoIdentityPool({
    client: identityClient,
    identityPoolId: config.cognito.identityPoolId,
    // The user pool's region is the start of its id.
    logins: idToken ? { [`cognito-idp.${config.cognito.userPoolId.split('_')[0]}.amazonaws.com/${config.cognito.userPoolId}`]: idToken } : undefined,
  });
  // The bot may live in another region than the pools (the Lex web UI's lex.region).
  return new LexRuntimeV2Client({ region: config.lex.region || config.region, endpoint, credentials });
}

const field = (form, name) => form.elements.namedItem(name).value.trim();

function showAccountError(error) {
  $('#account-error').textContent = error ? `${error.name ?? 'Error'}: ${error.message}` : '';
}

function setSignedIn(email, idToken) {
  lex = lexClient(idToken);
  sessionId = newSessionId();
  $('#status').textContent = email ? `Signed in as ${email}.` : 'Not signed in: you chat as a guest.';
  $('#sign-up').hidden = Boolean(email);
  $('#sign-in').hidden = Boolean(email);
  $('#confirm').hidden = true;
  $('#sign-out').hidden = !email;
}

/** The callback-style calls of amazon-cognito-identity-js as promises. */
function promised(call) {
  return new Promise((resolve, reject) => call((error, result) => (error ? reject(error) : resolve(result))));
}

$('#sign-up').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const email = field(form, 'email');
  showAccountError();
  try {
    const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email }), new CognitoUserAttribute({ Name: 'name', Value: field(form, 'name') })];
    // The pool signs in with the email as the user name (the tutorial's "email" sign-in option).
    await promised((done) => userPool.signUp(email, form.elements.namedItem('password').value, attributes, [], done));
    $('#confirm-email').textContent = email;
    $('#confirm').dataset.email = email;
    $('#confirm').hidden = false;
    $('#confirm').elements.namedItem('code').focus();
  } catch (error) {
    showAccountError(error);
  }
});

$('#confirm').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  showAccountError();
  try {
    const user = new CognitoUser({ Username: form.dataset.email, Pool: userPool });
    await promised((done) => user.confirmRegistration(field(form, 'code'), true, done));
    form.hidden = true;
    $('#sign-in').elements.namedItem('email').value = form.dataset.email;
    $('#status').textContent = `${form.dataset.email} is confirmed: sign in.`;
    $('#sign-in').elements.namedItem('password').focus();
  } catch (error) {
    showAccountError(error);
  }
});

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const email = field(form, 'email');
  showAccountError();
  try {
    const user = new CognitoUser({ Username: email, Pool: userPool });
    const details = new AuthenticationDetails({ Username: email, Password: form.elements.namedItem('password').value });
    const session = await new Promise((resolve, reject) => user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }));
    form.reset();
    setSignedIn(email, session.getIdToken().getJwtToken());
  } catch (error) {
    showAccountError(error);
  }
});

$('#sign-out').addEventListener('click', () => {
  userPool.getCurrentUser()?.signOut();
  setSignedIn(undefined, undefined);
});

function addMessage(kind, text) {
  const message = document.createElement('p');
  message.className = `message ${kind}`;
  // Bot text is shown as text, never as HTML.
  message.textContent = text;
  $('#conversation').append(message);
  message.scrollIntoView({ block: 'nearest' });
}

/** The card's buttons: each sends its value, as the bot expects. */
function addButtons(buttons) {
  const row = document.createElement('div');
  row.className = 'buttons';
  for (const { text, value } of buttons) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.addEventListener('click', () => send(value ?? text));
    row.append(button);
  }
  $('#conversation').append(row);
}

async function send(text) {
  addMessage('user', text);
  try {
    const reply = await lex.send(
      new RecognizeTextCommand({ botId: config.lex.botId, botAliasId: config.lex.botAliasId, localeId: config.lex.localeId, sessionId, text }),
    );
    for (const message of reply.messages ?? []) {
      if (message.content) addMessage('bot', message.content);
      const card = message.imageResponseCard;
      if (card) {
        addMessage('bot', [card.title, card.subtitle].filter(Boolean).join(': '));
        if (card.buttons?.length) addButtons(card.buttons);
      }
    }
  } catch (error) {
    addMessage('error', `${error.name ?? 'Error'}: ${error.message}`);
  }
}

$('#chat').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('#message');
  const text = input.value.trim();
  input.value = '';
  if (text) void send(text);
});

setSignedIn(undefined, undefined);
console.info(`Chat page ready: its AWS calls go to ${endpoint ?? 'AWS'}.`);
