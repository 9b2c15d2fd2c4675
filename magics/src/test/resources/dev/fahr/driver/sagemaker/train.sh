#!/bin/sh
# A SageMaker "bring your own container" trainer for tests. hyperparameters.json's "mode" picks the
# behaviour: ok (read the train channel, write /opt/ml/model/model.txt), fail (write
# /opt/ml/output/failure and exit 3), loop (run until SIGTERM).
set -e
[ "$1" = "train" ] || { echo "expected the argument train, got '$1'" >&2; exit 64; }
CONFIG=/opt/ml/input/config
HP=$(cat "$CONFIG/hyperparameters.json")
echo "fahr-test trainer started for job $TRAINING_JOB_NAME"
echo "hyperparameters: $HP"
echo "resources: $(cat $CONFIG/resourceconfig.json)"
MODE=$(echo "$HP" | sed -n 's/.*"mode" *: *"\([a-z]*\)".*/\1/p')
case "$MODE" in
  fail)
    echo "about to fail on purpose" >&2
    echo "intentional failure: the loss was NaN at epoch 2" > /opt/ml/output/failure
    exit 3
    ;;
  loop)
    trap 'echo "got SIGTERM, saving and exiting"; echo stopped > /opt/ml/model/model.txt; exit 0' TERM
    echo "looping until stopped"
    while true; do sleep 1 & wait $!; done
    ;;
esac
echo "channel train holds: $(cat /opt/ml/input/data/train/data.txt)"
echo "greeting=$FAHR_GREETING"
mkdir -p /opt/ml/model
echo "trained on $(cat /opt/ml/input/data/train/data.txt) with $HP" > /opt/ml/model/model.txt
echo "training finished"
