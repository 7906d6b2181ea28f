// A practice on Stripe: the card is typed into Stripe's own frame (Stripe.js), Stripe turns it into a
// PaymentMethod and the portal gets only its id (`pm_...`), which billing saves. The number and the
// security code never reach the portal. Stripe.js is loaded from Stripe only when the practice uses it.

const STRIPE_JS = "https://js.stripe.com/v3/";

function loadStripeJs() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.addEventListener("load", () => resolve(window.Stripe));
    script.addEventListener("error", () => reject(new Error("Stripe could not be reached.")));
    document.head.append(script);
  });
}

// Mounts Stripe's card field in `mount`; answers a function that makes a PaymentMethod of what was typed:
// { token } or { message } (Stripe's own words, e.g. "Your card number is incomplete.").
export async function stripeCardField(publishableKey, mount) {
  const Stripe = await loadStripeJs();
  const stripe = Stripe(publishableKey);
  const card = stripe.elements().create("card", { hidePostalCode: false });
  card.mount(mount);
  return async function paymentMethod() {
    const made = await stripe.createPaymentMethod({ type: "card", card });
    if (made.error) return { message: made.error.message || "The card was refused." };
    return { token: made.paymentMethod.id };
  };
}
