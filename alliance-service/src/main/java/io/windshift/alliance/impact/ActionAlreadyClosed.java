package io.windshift.alliance.impact;

/** An action that is done or dismissed (or whose impact was rescinded) cannot be acted on again: a 409. */
public class ActionAlreadyClosed extends RuntimeException {

    private final transient ImpactAction action;

    public ActionAlreadyClosed(ImpactAction action) {
        super("Action " + action.id() + " is already " + action.state());
        this.action = action;
    }

    public ImpactAction action() {
        return action;
    }
}
