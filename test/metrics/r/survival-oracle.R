# The R side of test/metrics/survival.oracle.node.test.ts: reads the generated
# customers and cases, applies SPEC §3.8's rules itself (who is in, time, event),
# and writes survfit's curves, print.survfit's medians and survdiff's test as TSV.
# Usage: Rscript survival-oracle.R customers.tsv cases.tsv out.tsv
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
cust <- read.delim(args[1], colClasses = c("character", "character", "numeric", "numeric", "character"), na.strings = "NA")
cases <- read.delim(args[2], colClasses = c("character", "numeric", "numeric", "numeric", "numeric", "logical"))
out <- file(args[3], "w")
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
# The interval with SPEC's z = 1.959964, so both sides use one z; and R's default 0.95.
conf.spec <- 2 * pnorm(1.959964) - 1
for (k in seq_len(nrow(cases))) {
  cs <- cases[k, ]
  d <- cust[cust$case == cs$case & !is.na(cust$signup) & cust$signup <= cs$asof &
              cust$signup >= cs$from & cust$signup < cs$to, ]
  if (nrow(d) == 0) next
  event <- !is.na(d$churn) & d$churn <= cs$asof
  end <- ifelse(event, d$churn, cs$asof)
  d$time <- floor((end - d$signup) / cs$unit)
  d$event <- as.integer(event)
  fml <- if (cs$by) Surv(time, event) ~ group else Surv(time, event) ~ 1
  fit <- survfit(fml, data = d, conf.int = conf.spec)
  fit95 <- survfit(fml, data = d)
  strata <- if (cs$by) rep(sub("^group=", "", names(fit$strata)), fit$strata) else rep("", length(fit$time))
  for (i in seq_along(fit$time)) {
    writeLines(paste("km", cs$case, strata[i], num(fit$time[i]), num(fit$n.risk[i]), num(fit$n.event[i]),
                     num(fit$n.censor[i]), num(fit$surv[i]), num(fit$lower[i]), num(fit$upper[i]),
                     num(fit95$lower[i]), num(fit95$upper[i]), sep = "\t"), out)
  }
  tab <- summary(fit)$table
  if (!is.matrix(tab)) tab <- t(as.matrix(tab))
  names <- if (cs$by) sub("^group=", "", rownames(tab)) else ""
  for (i in seq_len(nrow(tab))) {
    writeLines(paste("med", cs$case, names[i], num(tab[i, "records"]), num(tab[i, "events"]), num(tab[i, "median"]), sep = "\t"), out)
  }
  if (cs$by && length(unique(d$group)) > 1) {
    lr <- survdiff(Surv(time, event) ~ group, data = d)
    df <- sum(lr$exp > 0) - 1
    writeLines(paste("lr", cs$case, "", num(lr$chisq), num(df), num(pchisq(lr$chisq, df, lower.tail = FALSE)), sep = "\t"), out)
  }
}
close(out)
