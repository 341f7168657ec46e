/**
 * Administration (issue 14): the operator's administrators manage organisations, people and API clients, and an LA's
 * data manager keeps its own contact details. The pages call the organisations and identity modules' public APIs;
 * {@link org.cpis.admin.AdminService} owns each action's transaction and its audit entry.
 */
package org.cpis.admin;
