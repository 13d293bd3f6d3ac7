package io.windshift.identity.signin;

import io.windshift.identity.hr.HrMirror;
import io.windshift.identity.people.People;
import io.windshift.identity.people.Person;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The sign-in decision: locked out? then the password (the local mapping), then the HR mirror (known and not left).
 * The HR check comes after the password so that only someone who knows the password learns that HR refuses them.
 * Attempts count per person id (whatever was typed, id or email, counts for the person it names).
 */
public class LocalSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final People people;
    private final HrMirror hr;
    private final boolean hrRequired;
    private final SignInAttempts attempts;
    private final Clock clock;

    public LocalSignIn(People people, PasswordEncoder encoder, HrMirror hr, boolean hrRequired, SignInAttempts attempts, Clock clock) {
        this.passwords = new DaoAuthenticationProvider(people);
        this.passwords.setPasswordEncoder(encoder);
        this.people = people;
        this.hr = hr;
        this.hrRequired = hrRequired;
        this.attempts = attempts;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String typed = authentication.getName();
        String person = people.findByLogin(typed).map(Person::id).orElse(typed);
        if (attempts.lockedUntil(person).isPresent()) {
            throw new LockedException("locked out after repeated wrong passwords");
        }
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            if (attempts.failed(person).isPresent()) {
                throw new LockedException("locked out after repeated wrong passwords");
            }
            throw e;
        }
        attempts.succeeded(person);
        if (hrRequired && !hr.allows(signedIn.getName(), LocalDate.now(clock))) {
            throw new DisabledException("not known to the HR mirror, or left");
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
