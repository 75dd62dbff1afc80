// Package oauth2interop shows, in its tests, that what authclient.Discover
// learns from a 401 is what golang.org/x/oauth2 needs to run the
// authorization code flow with PKCE: its Example and tests run the whole
// flow against a resource and an authorization server on 127.0.0.1.
//
// It is a module of its own so that the library imports no OAuth client;
// it holds no code but this comment.
package oauth2interop
