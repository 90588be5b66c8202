# The independent side of test/metrics/compare.r-oracle.node.test.ts: the same
# comparisons computed with R's own tests, and Newcombe's intervals written out here
# from their published formulas on top of R's Wilson intervals. Nothing here reads
# Pulso's TypeScript.
#   Rscript compare-proportions.R cases.csv pvalues.csv out-cases.csv out-bh.csv
args <- commandArgs(trailingOnly = TRUE)
cases <- read.csv(args[1], colClasses = "numeric")  # doubles: margins products overflow R integers
pv <- read.csv(args[2])
z <- qnorm(0.975)

# Wilson score interval of x / n: R's one-sample prop.test without continuity
# correction reports exactly it (Wilson 1927).
wilson <- function(x, n) suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = 0.95)$conf.int)

# Newcombe's hybrid score interval for p1 − p2, independent samples:
# Newcombe RG. Interval estimation for the difference between independent proportions:
# comparison of eleven methods. Stat Med 1998;17:873-890, method 10:
#   L = D − sqrt((p1 − l1)² + (u2 − p2)²),  U = D + sqrt((u1 − p1)² + (p2 − l2)²).
newcombe <- function(xa, na, xb, nb) {
  p1 <- xa / na; p2 <- xb / nb
  w1 <- wilson(xa, na); w2 <- wilson(xb, nb)
  d <- p1 - p2
  c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}

# Newcombe's interval for paired proportions: Newcombe RG. Improved confidence
# intervals for the difference between binomial proportions based on paired data.
# Stat Med 1998;17:2635-2650, method 10 (as set out in Fagerland, Lydersen & Laake,
# Statistical Analysis of Contingency Tables, 2017, §8.5): table [[a, b], [c, d]],
# p1 = (a + b)/n, p2 = (a + c)/n, Wilson (l1, u1), (l2, u2);
#   A = ad − bc; phi = (A − n/2)/sqrt(margins) if A > n/2, 0 if 0 ≤ A ≤ n/2, A/sqrt(margins) if A < 0
#   (phi = 0 when a margin is 0);
#   L = D − sqrt((p1 − l1)² − 2·phi·(p1 − l1)(u2 − p2) + (u2 − p2)²)
#   U = D + sqrt((u1 − p1)² − 2·phi·(u1 − p1)(p2 − l2) + (p2 − l2)²)
newcombe_paired <- function(a, b, c, n) {
  d <- n - a - b - c
  p1 <- (a + b) / n; p2 <- (a + c) / n
  w1 <- wilson(a + b, n); w2 <- wilson(a + c, n)
  margins <- (a + b) * (c + d) * (a + c) * (b + d)
  A <- a * d - b * c
  phi <- if (margins == 0) 0 else if (A > n / 2) (A - n / 2) / sqrt(margins) else if (A >= 0) 0 else A / sqrt(margins)
  D <- p1 - p2
  c(D - sqrt((p1 - w1[1])^2 - 2 * phi * (p1 - w1[1]) * (w2[2] - p2) + (w2[2] - p2)^2),
    D + sqrt((w1[2] - p1)^2 - 2 * phi * (w1[2] - p1) * (p2 - w2[1]) + (p2 - w2[1])^2))
}

one <- function(r) {
  xa <- r$xa; na <- r$na; xb <- r$xb; nb <- r$nb
  fisher <- fisher.test(matrix(c(xa, xb, na - xa, nb - xb), nrow = 2))$p.value
  zp <- if (xa + xb > 0 && xa + xb < na + nb) suppressWarnings(prop.test(c(xa, xb), c(na, nb), correct = FALSE)$p.value) else NA
  wa <- wilson(xa, na)
  if (r$paired == 1) {
    disc <- r$onlyA + r$onlyB
    neither <- na - r$both - r$onlyA - r$onlyB
    p <- if (disc == 0) 1 else if (disc < 25) binom.test(r$onlyA, disc, 0.5)$p.value else
      mcnemar.test(matrix(c(r$both, r$onlyB, r$onlyA, neither), nrow = 2), correct = FALSE)$p.value
    ci <- newcombe_paired(r$both, r$onlyA, r$onlyB, na)
    test <- "mcnemar"
  } else {
    # Expected counts of the 2×2 table: row total × column total / N.
    expected <- outer(c(na, nb), c(xa + xb, na + nb - xa - xb)) / (na + nb)
    test <- if (min(expected) < 5) "fisher" else "z"
    p <- if (test == "fisher") fisher else zp
    ci <- newcombe(xa, na, xb, nb)
  }
  data.frame(id = r$id, test = test, p = p, low = ci[1], high = ci[2], fisher = fisher, z = zp, wlow = wa[1], whigh = wa[2])
}

out <- do.call(rbind, lapply(seq_len(nrow(cases)), function(i) one(cases[i, ])))
write.csv(out, args[3], row.names = FALSE)

pv$q <- ave(pv$p, pv$group, FUN = function(p) p.adjust(p, method = "BH"))
write.csv(pv, args[4], row.names = FALSE)
