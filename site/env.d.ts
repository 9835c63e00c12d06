/** What the middleware gives every page: the site's words in its language. */
import type { Translator } from 'journeys-as-code';

declare global {
  namespace App {
    interface Locals {
      words: Translator;
    }
  }
}
