package io.windshift.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.windshift.local.LocalTokens.DEFAULT_AUDIENCE;
import static io.windshift.local.LocalTokens.DEFAULT_ISSUER;
import static io.windshift.local.LocalTokens.DEFAULT_TTL_SECONDS;

/** The command line behind {@code ./windshift token}: parses flags, makes the key pair once, prints a token. */
final class TokenCommand {

    private static final Pattern LIST_ITEM = Pattern.compile("[^\\s,\"\\\\]+");

    private TokenCommand() {
    }

    /** The command line, returning the exit code (0 ok, 2 bad arguments, 1 other failure). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path keys = Path.of(".windshift", "keys");
        String sub = null;
        String client = null;
        List<String> roles = null;
        List<String> scopes = null;
        String email = null;
        String issuer = DEFAULT_ISSUER;
        String audience = DEFAULT_AUDIENCE;
        long ttl = DEFAULT_TTL_SECONDS;
        boolean init = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (arg.equals("--init")) {
                    init = true;
                    continue;
                }
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) {
                        throw new BadArguments(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--keys" -> keys = Path.of(nonBlank(arg, value));
                    case "--sub" -> sub = nonBlank(arg, value);
                    case "--client" -> client = nonBlank(arg, value);
                    case "--roles" -> roles = list(arg, value);
                    case "--scopes" -> scopes = list(arg, value);
                    case "--email" -> email = nonBlank(arg, value);
                    case "--issuer" -> issuer = nonBlank(arg, value);
                    case "--audience" -> audience = nonBlank(arg, value);
                    case "--ttl" -> ttl = positive(arg, value);
                    default -> throw new BadArguments("unknown argument: " + arg);
                }
            }
            if (!init) {
                if (sub != null && client != null) {
                    throw new BadArguments("give either --sub or --client, not both");
                }
                if (sub == null && client == null) {
                    throw new BadArguments("give --sub PERSON --roles R1,R2 or --client CLIENT --scopes S1,S2");
                }
                if (sub != null && (roles == null || scopes != null)) {
                    throw new BadArguments("--sub needs --roles (and no --scopes)");
                }
                if (client != null && (scopes == null || roles != null || email != null)) {
                    throw new BadArguments("--client needs --scopes (and no --roles or --email)");
                }
            }
        } catch (BadArguments e) {
            err.println("windshift token: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        try {
            KeyPair pair = LocalTokens.ensureKeyPair(keys);
            if (init) {
                err.println("keys ready in " + keys.toAbsolutePath());
                return 0;
            }
            Instant now = Instant.now();
            Map<String, Object> claims = sub != null
                    ? LocalTokens.personClaims(sub, roles, email, issuer, audience, now, ttl)
                    : LocalTokens.clientClaims(client, scopes, issuer, audience, now, ttl);
            out.println(LocalTokens.sign(pair.getPrivate(), claims));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("windshift token: " + e);
            return 1;
        }
    }

    private static final String USAGE = """
            usage:
              windshift token --sub PERSON --roles ROLE1,ROLE2 [--email EMAIL] [options]
              windshift token --client CLIENT --scopes SCOPE1,SCOPE2 [options]
              windshift token --init          (only generate the key pair)
            options:
              --ttl SECONDS      lifetime (default 3600)
              --issuer ISS       iss claim (default windshift-local)
              --audience AUD     aud claim (default windshift)
              --keys DIR         key directory (default .windshift/keys)
            example:
              windshift token --sub p-1001 --roles ALLIANCE_MANAGER
              windshift token --client hr-system --scopes hr.events:write
            """;

    private static String nonBlank(String flag, String value) {
        if (value.isBlank() || value.startsWith("--")) {
            throw new BadArguments(flag + " needs a value");
        }
        return value;
    }

    private static List<String> list(String flag, String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!LIST_ITEM.matcher(trimmed).matches()) {
                throw new BadArguments(flag + ": invalid item '" + trimmed + "'");
            }
            items.add(trimmed);
        }
        if (items.isEmpty()) {
            throw new BadArguments(flag + " needs at least one value, comma-separated");
        }
        return items;
    }

    private static long positive(String flag, String value) {
        try {
            long n = Long.parseLong(value);
            if (n <= 0) {
                throw new BadArguments(flag + " must be positive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadArguments(flag + " is not a number: " + value);
        }
    }

    private static final class BadArguments extends RuntimeException {
        BadArguments(String message) {
            super(message);
        }
    }
}
