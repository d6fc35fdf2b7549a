// What the app knows about the signed-in user (GET /api/me). Roles only hide buttons: the hub refuses anyway.

export const state = {
  me: null,
};

export function hasRole(...roles) {
  const mine = (state.me && state.me.roles) || [];
  return roles.some((r) => mine.includes(r));
}

export function screens() {
  return (state.me && state.me.screens) || [];
}
