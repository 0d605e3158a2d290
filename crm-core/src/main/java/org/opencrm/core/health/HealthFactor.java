package org.opencrm.core.health;

/**
 * One reason behind a health score: what it is ({@code code}, a message key suffix such
 * as {@code recency}), how many points it contributed (negative when it pulled the score
 * down) and the measured value in words a user can check (for example "last won deal 40
 * days ago").
 */
public record HealthFactor(String code, int points, String detail) {
}
