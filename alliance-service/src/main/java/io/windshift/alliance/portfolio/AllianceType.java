package io.windshift.alliance.portfolio;

public enum AllianceType {
    LICENSE,
    CO_DEVELOPMENT,
    CO_COMMERCIALIZATION,
    RESEARCH
}
